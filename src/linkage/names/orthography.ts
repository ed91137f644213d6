/**
 * The Latin orthography of a source list. A list is written in one convention (a German newspaper
 * writes Шевченко "Schewtschenko" and Хоменко "Chomenko", a Polish NGO "Szewczenko" and "Chomenko"),
 * but only some of its names carry the letters that reveal it ("sch", "sz", "ł" …): in a German list
 * "Chomenko" has none, and read on its own its "ch" is ч (English), not х. The markers of all Latin
 * names of a source decide the convention of the names that carry none.
 */

import { ORTHOGRAPHY_MARKS } from './skeleton';

export type Orthography = keyof typeof ORTHOGRAPHY_MARKS;

/** Strong markers, in the precedence of the skeleton decoder: GOST B, German, Polish, French, diacritics ("w" alone is none). */
const MARKERS = Object.entries(ORTHOGRAPHY_MARKS) as [Orthography, RegExp][];

/** Text that, appended to a name, makes the skeleton decoder read its unmarked tokens in `o`. */
export const ORTHOGRAPHY_CONTEXT: Readonly<Record<Orthography, string>> = { german: 'sch', polish: 'sz', french: 'ou', 'gost-b': 'shh', diacritic: 'ž' };

const LATIN = /[a-z\u00C0-\u024F]/i;
const CYRILLIC = /[\u0400-\u04FF]/;

/** The orthography a Latin name reveals by its own letters, or undefined ("w" alone is German or Polish: no marker). */
export function nameOrthography(text: string): Orthography | undefined {
  const t = text.normalize('NFC').toLowerCase();
  if (!LATIN.test(t) || CYRILLIC.test(t)) return undefined;
  for (const [o, re] of MARKERS) if (re.test(t)) return o;
  return undefined;
}

export interface OrthographyVote {
  /** Latin names of the source. */
  latin: number;
  /** Latin names per revealed orthography. */
  marked: Partial<Record<Orthography, number>>;
}

/**
 * The convention of a source from its names' markers: the most frequent one when at least `minShare`
 * of the source's Latin names show it, at least `minNames` of them, and it is at least `dominance`
 * times as frequent as the runner-up; otherwise undefined (no convention is assumed).
 */
export function dominantOrthography(vote: OrthographyVote, minShare = 0.15, minNames = 20, dominance = 4): Orthography | undefined {
  let best: Orthography | undefined, top = 0, second = 0;
  for (const [o, c] of Object.entries(vote.marked) as [Orthography, number][]) {
    if (c > top) { second = top; top = c; best = o; } else if (c > second) second = c;
  }
  if (best === undefined || top < minNames || top < minShare * vote.latin || top < dominance * second) return undefined;
  return best;
}

/**
 * Per-record orthography context: for each record, the convention of its source when the source has one;
 * `names(i)` gives the record's name text (all name fields joined), undefined when it has none.
 */
export function sourceOrthographies(n: number, sourceOf: (i: number) => string, names: (i: number) => string | undefined): (Orthography | undefined)[] {
  const votes = new Map<string, OrthographyVote>();
  for (let i = 0; i < n; i++) {
    const text = names(i);
    if (text === undefined || !LATIN.test(text) || CYRILLIC.test(text)) continue;
    const s = sourceOf(i);
    let v = votes.get(s);
    if (v === undefined) { v = { latin: 0, marked: {} }; votes.set(s, v); }
    v.latin++;
    const o = nameOrthography(text);
    if (o !== undefined) v.marked[o] = (v.marked[o] ?? 0) + 1;
  }
  const bySource = new Map<string, Orthography | undefined>();
  for (const [s, v] of votes) bySource.set(s, dominantOrthography(v));
  return Array.from({ length: n }, (_, i) => bySource.get(sourceOf(i)));
}

/**
 * Context text for the skeleton decoder: the name itself when it reveals its orthography (or the source has
 * none), else the name with the source convention's marker appended.
 */
export function orthographyContext(text: string, source: Orthography | undefined): string {
  if (source === undefined || !LATIN.test(text) || nameOrthography(text) !== undefined) return text;
  return `${text} ${ORTHOGRAPHY_CONTEXT[source]}`;
}
