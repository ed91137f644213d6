import { nameKey } from '../linkage';

/** Folds text for trigram search: lower case, marks removed (Latin diacritics), apostrophes and punctuation dropped. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('uk')
    .replace(/[ʼ'’`"«»]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Search columns stored beside names: the canonical transliteration key (from linkage) and the folded text. */
export function searchColumns(names: string[]): { nameKey: string; nameText: string } {
  const joined = names.filter(Boolean).join(' ');
  return { nameKey: nameKey(joined), nameText: foldText(joined) };
}

/** Person-level search columns from the search columns of its current records. */
export function personSearchColumns(records: { nameKey: string; nameText: string }[]): { nameTokens: string[]; nameKey: string; nameText: string } {
  const tokens = new Set<string>();
  for (const r of records) for (const t of r.nameKey.split(' ')) if (t) tokens.add(t);
  return {
    nameTokens: [...tokens].sort(),
    nameKey: [...new Set(records.map((r) => r.nameKey).filter(Boolean))].join(' | '),
    nameText: [...new Set(records.map((r) => r.nameText).filter(Boolean))].join(' | '),
  };
}
