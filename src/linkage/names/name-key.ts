/**
 * nameKey / nameTokens: one canonical lower-case Latin key per name token, whatever the script or
 * transliteration standard, with Ukrainian/Russian given-name equivalents and diminutives folded,
 * patronymics folded to the father's canonical name, and gendered/adjectival surname endings folded.
 */
import { givenNameByCodes, patronymicByCodes, type NameSex } from './given-names';
import { codesToLatin, foldSurnameEnding, tokenCodes } from './skeleton';

export type TokenKind = 'given' | 'patronymic' | 'other' | 'initial';

export interface NameTokenInfo {
  /** The token as written (punctuation stripped). */
  raw: string;
  /** Canonical key. */
  key: string;
  kind: TokenKind;
  /** Sex implied by a given name or patronymic. */
  sex?: NameSex;
}

const SPLIT = /[\s,.;:()[\]{}/\\\-–—_+0-9]+/u;

/** Splits name text into tokens (on spaces, punctuation, hyphens); apostrophes stay inside tokens. */
export function splitNameText(text: string): string[] {
  return text.normalize('NFC').split(SPLIT).filter((t) => /\p{L}/u.test(t));
}

/** Canonical key of one token with what was recognised. `context` (the whole name) helps pick the Latin orthography. */
export function analyseToken(token: string, context?: string): NameTokenInfo {
  const codes = tokenCodes(token, context);
  if (codes === '') return { raw: token, key: '', kind: 'other' };
  if (token.length <= 3 && token.replace(/[^\p{L}]/gu, '').length === 1) return { raw: token, key: codesToLatin(codes), kind: 'initial' };
  let a = analysisCache.get(codes);
  if (a === undefined) {
    const g = givenNameByCodes(codes);
    const p = g ? undefined : patronymicByCodes(codes);
    a = g ? { key: g.key, kind: 'given', sex: g.sex } : p ? { key: p.key, kind: 'patronymic', sex: p.sex } : { key: codesToLatin(foldSurnameEnding(codes)), kind: 'other' };
    if (analysisCache.size > 500_000) analysisCache.clear();
    analysisCache.set(codes, a);
  }
  return a.sex === undefined ? { raw: token, key: a.key, kind: a.kind } : { raw: token, key: a.key, kind: a.kind, sex: a.sex };
}

const analysisCache = new Map<string, { key: string; kind: TokenKind; sex?: NameSex }>();

/** Token analyses in input order. `context` (default: the text) decides the Latin orthography of unmarked tokens (see orthography.ts). */
export function analyseName(text: string, context: string = text): NameTokenInfo[] {
  return splitNameText(text).map((t) => analyseToken(t, context)).filter((t) => t.key !== '');
}

/** Canonical token keys in input order. */
export function nameTokens(text: string): string[] {
  return analyseName(text).map((t) => t.key);
}

/** Canonical key of a whole name: token keys sorted and joined by one space (order-free: "Коваленко Олександр" = "Oleksandr Kovalenko"). */
export function nameKey(text: string): string {
  return nameTokens(text).sort().join(' ');
}

/** Canonical key of a single token (no splitting). */
export function tokenKey(token: string): string {
  return analyseToken(token).key;
}
