/**
 * Spelling correction of given names against the closed vocabulary of the given-name table:
 * a token that is not a known spelling takes the canonical key of the most similar known
 * spelling when Jaro–Winkler on the folded forms is at least `minSimilarity` and no other name
 * comes within 0.02. For comparison and blocking columns of given names, not for nameKey.
 */
import { jaroWinkler } from '../strings/jaro-winkler';
import { GIVEN_NAMES, givenNameByCodes } from './given-names';
import { tokenCodes } from './skeleton';

interface Known { codes: string; key: string }
let known: Known[] | undefined;

function table(): Known[] {
  if (known) return known;
  const seen = new Set<string>();
  known = [];
  for (const g of GIVEN_NAMES) for (const sp of [g.key, ...g.spellings]) {
    const codes = tokenCodes(sp);
    if (codes.length < 3 || seen.has(codes)) continue;
    seen.add(codes);
    known.push({ codes, key: g.key });
  }
  return known;
}

/** Canonical given-name key of a possibly misspelled single token, or undefined. */
export function correctGivenName(token: string, minSimilarity = 0.9): string | undefined {
  const codes = tokenCodes(token);
  if (codes.length < 3) return undefined;
  const exact = givenNameByCodes(codes);
  if (exact) return exact.key;
  let best = 0, second = 0, bestKey: string | undefined;
  for (const k of table()) {
    if (Math.abs(k.codes.length - codes.length) > 2) continue;
    // A typo rarely hits both of the first two letters; Jaro–Winkler below 0.9 is certain otherwise.
    if (k.codes.charCodeAt(0) !== codes.charCodeAt(0) && k.codes.charCodeAt(1) !== codes.charCodeAt(1)) continue;
    const s = jaroWinkler(codes, k.codes);
    if (s > best) { if (k.key !== bestKey) second = best; best = s; bestKey = k.key; }
    else if (s > second && k.key !== bestKey) second = s;
  }
  return best >= minSimilarity && best - second >= 0.02 ? bestKey : undefined;
}
