/** Cyrillic → Latin transliteration under a named standard. Pure; non-Cyrillic characters pass through. */
import { detectCyrillicLanguage, type CyrillicLanguage } from './script';
import { TABLES, type Rendering, type TransliterationStandard } from './transliteration.tables';

const VOWELS = new Set('аеєиіїоуюяыэё');
const SIGNS = new Set(['ь', 'ъ', "'", 'ʼ', '’']);
const PAL_SOFT = new Set('еёиюяьіїє');
const HUSHING = new Set('жцчшщ');
const isCyrLetter = (c: string) => c >= '\u0400' && c <= '\u04FF';

export interface TransliterateOptions {
  /** Language of the Cyrillic text; detected from the letters when absent (ambiguous text counts as Ukrainian for 'ua-national', Russian otherwise). */
  language?: CyrillicLanguage;
}

function pick(r: Rendering, initial: boolean): string {
  return typeof r === 'string' ? r : initial ? r[0] : r[1];
}

function restoreCase(out: string, srcUpper: boolean, nextUpper: boolean): string {
  if (!srcUpper || out === '') return out;
  return nextUpper ? out.toUpperCase() : out[0].toUpperCase() + out.slice(1);
}

/** Transliterates Cyrillic text to Latin under `standard`, preserving case and everything that is not Cyrillic. */
export function transliterate(text: string, standard: TransliterationStandard, options: TransliterateOptions = {}): string {
  const table = TABLES[standard];
  let lang = options.language ?? detectCyrillicLanguage(text);
  if (lang === 'unknown') lang = standard === 'ua-national' ? 'uk' : 'ru';
  const over = lang === 'uk' ? table.uk : table.ru;
  const chars = Array.from(text.normalize('NFC'));
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const src = chars[i];
    const c = src.toLowerCase();
    const prev = i > 0 ? chars[i - 1].toLowerCase() : '';
    const next = i + 1 < chars.length ? chars[i + 1].toLowerCase() : '';
    const r = over[c] ?? table.base[c];
    if (r === undefined) { out += src; continue; }
    const atStart = prev === '' || !(isCyrLetter(prev) || SIGNS.has(prev));
    const initial = atStart || (table.initial === 'start-or-vowel' && (VOWELS.has(prev) || SIGNS.has(prev) || prev === 'й'));
    let s = pick(r, initial);
    // Standard-specific context rules.
    if (standard === 'ua-national' && c === 'г' && prev === 'з') s = 'gh';
    // GOST 7.79 B: ц is "c" before e, i, y, j (in the Latin output) and "cz" elsewhere.
    if (standard === 'gost-7.79-b' && c === 'ц') s = /[еиіїйыэєюяё]/.test(next) && next !== '' ? 'c' : 'cz';
    if (standard === 'polish') {
      if (c === 'л' && (PAL_SOFT.has(next))) s = 'l';
      if ((c === 'е' || c === 'є') && !initial && (HUSHING.has(prev) || prev === 'л')) s = 'e';
      if ((c === 'ю' || c === 'я' || c === 'ё') && prev === 'л') s = s.slice(1);
      if (c === 'и' && lang === 'ru' && HUSHING.has(prev)) s = 'y';
      if (c === 'ь' && prev === 'л' && next !== '' && !VOWELS.has(next)) s = '';
    }
    if (standard === 'german') {
      if (c === 'с' && VOWELS.has(prev) && VOWELS.has(next)) s = 'ss';
      if (c === 'ё' && HUSHING.has(prev)) s = 'o';
      if (c === 'й' && (prev === 'и' || prev === 'ы' || prev === 'і')) s = '';
    }
    if (standard === 'french') {
      if (c === 'с' && VOWELS.has(prev) && VOWELS.has(next)) s = 'ss';
      if (c === 'г' && s === 'g' && /[еиіэы]/.test(next)) s = 'gu';
      if (c === 'й' && (prev === 'и' || prev === 'ы' || prev === 'і')) s = '';
    }
    const nextSrc = i + 1 < chars.length ? chars[i + 1] : '';
    const srcUpper = src !== c;
    const nextUpper = nextSrc !== '' && nextSrc !== nextSrc.toLowerCase();
    out += restoreCase(s, srcUpper, nextUpper);
  }
  return out;
}
