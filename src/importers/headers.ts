/**
 * Header recognition: which field a column holds, from its header text in Ukrainian, Russian or
 * English. Insensitive to case, spaces, punctuation, apostrophes, ё/е and Latin look-alike letters
 * typed inside Cyrillic words ("Iм'я" with a Latin I).
 */
import { ALL_FIELDS, FIELDS_BY_KIND, type Field, type ListKind } from './fields';
import { HEADER_ALIASES, WEAK_ALIASES } from './header-aliases';

const LATIN_LOOKALIKE: Record<string, string> = {
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', I: 'І', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
  a: 'а', c: 'с', e: 'е', i: 'і', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к',
};
const CYRILLIC = /[\u0400-\u04ff]/;

/** Lower-case words separated by single spaces; "Ім'я" → "імя", "В/ч." → "в ч", "№ п/п" → "nr п п". */
export function normalizeHeader(text: string): string {
  let s = text.replace(/[№#]/g, ' nr ').normalize('NFKC');
  s = s.replace(/['’ʼ`´‘ʹ]/g, '');
  s = s.replace(/[\p{L}\p{M}]+/gu, (word) => (CYRILLIC.test(word) ? word.replace(/[A-Za-z]/g, (ch) => LATIN_LOOKALIKE[ch] ?? ch) : word));
  s = s.toLowerCase().replace(/ё/g, 'е');
  return s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const compact = (normalized: string) => normalized.replace(/ /g, '');

interface AliasEntry { field: Field; alias: string; normalized: string; tokens: string[]; weak: boolean }

const ALIASES: AliasEntry[] = [];
const EXACT = new Map<string, AliasEntry[]>();
for (const field of ALL_FIELDS) {
  for (const alias of HEADER_ALIASES[field]) {
    const normalized = normalizeHeader(alias);
    if (normalized === '') continue;
    const entry: AliasEntry = { field, alias, normalized, tokens: normalized.split(' '), weak: WEAK_ALIASES.has(alias) };
    ALIASES.push(entry);
    const key = compact(normalized);
    EXACT.set(key, [...(EXACT.get(key) ?? []), entry]);
  }
}

export interface HeaderSuggestion {
  field: Field;
  /** 1 exact, 0.9 exact after dropping "(…)" hints, 0.75 the header contains the alias, 0.6 a near spelling. */
  confidence: number;
  /** The known header it matched. */
  matched: string;
}

function levenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

function containsTokens(hay: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

/**
 * Ranked guesses of the field a header holds (for the mapping wizard). With `kind`, only fields of
 * that kind of list. A two-level XLSX header "Group / Sub" is tried whole, then by its last part.
 */
export function suggestMapping(header: string, kind?: ListKind): HeaderSuggestion[] {
  const allowed = new Set<Field>(kind ? FIELDS_BY_KIND[kind] : ALL_FIELDS);
  const best = new Map<Field, HeaderSuggestion>();
  const offer = (field: Field, confidence: number, matched: string) => {
    if (!allowed.has(field)) return;
    const cur = best.get(field);
    if (!cur || cur.confidence < confidence) best.set(field, { field, confidence, matched });
  };
  const variants = [header];
  if (header.includes(' / ')) variants.push(header.split(' / ').pop()!);
  variants.forEach((variant, vi) => {
    const discount = vi === 0 ? 0 : 0.05;
    const norm = normalizeHeader(variant);
    if (norm === '') return;
    for (const e of EXACT.get(compact(norm)) ?? []) offer(e.field, 1 - discount, e.alias);
    const stripped = normalizeHeader(variant.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));
    if (stripped && stripped !== norm) for (const e of EXACT.get(compact(stripped)) ?? []) offer(e.field, 0.9 - discount, e.alias);
    // the header contains a (non-weak, longer) alias as whole words: keep only the longest such alias
    const tokens = norm.split(' ');
    let longest = 0;
    const containing: AliasEntry[] = [];
    for (const e of ALIASES) {
      if (e.weak || e.normalized.length < 4 || !containsTokens(tokens, e.tokens)) continue;
      if (e.normalized.length > longest) { longest = e.normalized.length; containing.length = 0; }
      if (e.normalized.length === longest) containing.push(e);
    }
    for (const e of containing) offer(e.field, 0.75 - discount, e.alias);
    const key = compact(norm);
    if (key.length >= 5) {
      const max = key.length >= 9 ? 2 : 1;
      for (const e of ALIASES) {
        const ek = compact(e.normalized);
        if (ek.length >= 5 && levenshtein(key, ek, max) <= max) offer(e.field, 0.6 - discount, e.alias);
      }
    }
  });
  return [...best.values()].sort((a, b) => b.confidence - a.confidence || a.field.localeCompare(b.field));
}

/** The field of a header when the guess is good enough to use without asking (confidence ≥ 0.75). */
export function recognizeHeader(header: string, kind: ListKind): Field | null {
  const top = suggestMapping(header, kind)[0];
  return top && top.confidence >= 0.75 ? top.field : null;
}

function strongFields(headers: string[]): Set<Field> {
  const found = new Set<Field>();
  for (const h of headers) {
    const norm = normalizeHeader(h);
    const entries = EXACT.get(compact(norm)) ?? [];
    if (entries.some((e) => !e.weak)) for (const e of entries) found.add(e.field);
    else for (const s of suggestMapping(h)) if (s.confidence >= 0.75 && s.confidence < 1) found.add(s.field);
  }
  return found;
}

export interface KindGuess {
  kind: ListKind | null;
  /** Why, in words (shown by the CLI and the wizard). */
  reason: string;
}

/** `--as auto`: guesses the kind of list from its headers. */
export function detectKind(headers: string[]): KindGuess {
  const f = strongFields(headers);
  const has = (...fs: Field[]) => fs.filter((x) => f.has(x));
  const allegation = has('types', 'narrative', 'perpetrators', 'victimNames', 'credibility');
  if (allegation.length > 0) return { kind: 'allegations', reason: `allegation columns found: ${allegation.join(', ')}` };
  const custody = has('facility', 'from', 'to');
  if (f.has('facility') || (f.has('from') && f.has('to'))) return { kind: 'custody', reason: `custody columns found: ${custody.join(', ')}` };
  const person = has('familyName', 'givenName', 'fullName', 'patronymic', 'birthDate', 'serviceNumber', 'unit', 'rank', 'status');
  if (has('familyName', 'fullName').length > 0) return { kind: 'persons', reason: `person columns found: ${person.join(', ')}` };
  return { kind: null, reason: `no name, facility or allegation column among: ${headers.slice(0, 20).join(' | ')}` };
}
