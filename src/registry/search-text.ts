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
