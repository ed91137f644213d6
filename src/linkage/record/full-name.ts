/**
 * Splits a whole name into family name, given name and patronymic, whatever the order
 * ("Коваленко Олександр Петрович", "Oleksandr Kovalenko", "KOVALENKO Oleksandr", "Коваленко О.П.",
 * "Kovalenko, Oleksandr"), using the given-name and patronymic tables.
 */
import { analyseToken, splitNameText, type NameTokenInfo } from '../names';

export interface NameParts { familyName?: string; givenName?: string; patronymic?: string }

const isUpperWord = (t: string) => t.length > 1 && t === t.toUpperCase() && t !== t.toLowerCase();

export function splitFullName(fullName: string): NameParts {
  const text = fullName.trim();
  if (text === '') return {};
  const commaFirst = /^[^,]+,/.test(text) ? splitNameText(text.split(',')[0]).length : 0;
  const toks = splitNameText(text);
  const info: NameTokenInfo[] = toks.map((t) => analyseToken(t, text));
  const n = toks.length;
  if (n === 1) return info[0].kind === 'given' ? { givenName: toks[0] } : { familyName: toks[0] };
  const used = new Array<boolean>(n).fill(false);
  const out: NameParts = {};
  // Patronymic: the last token recognised as one (or the initial right after the given name's initial).
  let p = -1;
  for (let i = n - 1; i >= 0; i--) if (info[i].kind === 'patronymic') { p = i; break; }
  let g = -1;
  if (commaFirst > 0) {
    // "Family, Given Patronymic"
    out.familyName = toks.slice(0, commaFirst).join(' ');
    for (let i = 0; i < commaFirst; i++) used[i] = true;
    g = commaFirst < n ? commaFirst : -1;
  } else if (p > 0 && (info[p - 1].kind === 'given' || info[p - 1].kind === 'initial' || p === 1)) {
    g = p - 1;
  } else {
    const givens = info.map((t, i) => (t.kind === 'given' ? i : -1)).filter((i) => i >= 0);
    const upper = toks.map((t, i) => (isUpperWord(t) && !toks.every(isUpperWord) ? i : -1)).filter((i) => i >= 0);
    if (givens.length === 1) g = givens[0];
    else if (givens.length > 1) g = upper.length > 0 && givens.some((i) => !upper.includes(i)) ? givens.find((i) => !upper.includes(i))! : /[\u0400-\u04FF]/.test(text) ? givens[givens.length > 1 && givens[0] === 0 ? 1 : 0] : givens[0];
    else {
      const initials = info.map((t, i) => (t.kind === 'initial' ? i : -1)).filter((i) => i >= 0);
      if (initials.length > 0) g = initials[0];
      else if (upper.length > 0) g = upper[0] === 0 ? 1 : 0;
      else g = /[\u0400-\u04FF]/.test(text) ? 1 : 0; // Cyrillic lists put the surname first; Latin names the given name first
    }
  }
  if (g >= 0 && !used[g]) { out.givenName = toks[g]; used[g] = true; }
  // Three tokens and no recognised patronymic (a typo'd one): "Family Given X" or "Given X Family" — X is the patronymic.
  if (p < 0 && commaFirst === 0 && n === 3 && info[g]?.kind === 'given') {
    if (g === 1) p = 2;
    else if (g === 0 && info[2].kind === 'other') p = 1;
  }
  if (p >= 0 && !used[p]) { out.patronymic = toks[p]; used[p] = true; }
  else if (p < 0 && g >= 0 && info[g].kind === 'initial' && g + 1 < n && info[g + 1].kind === 'initial') { out.patronymic = toks[g + 1]; used[g + 1] = true; }
  if (out.familyName === undefined) {
    const rest = toks.filter((_, i) => !used[i] && info[i].kind !== 'initial');
    if (rest.length > 0) out.familyName = rest.join(' ');
    else if (out.patronymic !== undefined && out.givenName !== undefined && info[g].kind !== 'initial') {
      // Every full name has a surname: a lone -ович/-івна token beside a given name is the surname (Петрович Андрій).
      out.familyName = out.patronymic;
      delete out.patronymic;
    }
  }
  return out;
}
