/**
 * Term frequencies at the level of persons rather than records. A value's record-level frequency
 * counts every record of a person who appears in several lists, so the values of exactly the people
 * with duplicates look more common than they are, and their true pairs get too little weight. After a
 * first clustering, each (cluster, value) counts once, and the counts of rare values are smoothed
 * (Good–Turing): the frequency estimates the chance that a *different* person bears the value,
 * which is what the u of a term-frequency adjustment stands for.
 */
import type { Comparator } from '../compare/comparison.types';

export interface Frequencies { freq: Float64Array; sumSq: number }

/** Good–Turing: a count k ≤ maxK becomes min(k, (k+1)·N(k+1)/N(k)), N(k) = number of values seen k times. */
export function goodTuring(count: Float64Array, maxK = 5): Float64Array {
  const nk = new Float64Array(maxK + 2);
  for (const c of count) if (c > 0 && c <= maxK + 1) nk[c]++;
  return count.map((c) => (c > 0 && c <= maxK && nk[c] > 0 && nk[c + 1] > 0 ? Math.min(c, ((c + 1) * nk[c + 1]) / nk[c]) : c));
}

/** Frequency of each value id counted once per cluster (Good–Turing smoothed), and the sum of squares. */
export function clusterFrequencies(valueOf: Int32Array, size: number, clusterOf: Int32Array): Frequencies {
  const raw = new Float64Array(size);
  // Records visited grouped by cluster: a value counts again only in another cluster.
  const order = Int32Array.from({ length: valueOf.length }, (_, i) => i).sort((x, y) => clusterOf[x] - clusterOf[y]);
  const lastCluster = new Int32Array(size).fill(-1);
  for (const i of order) {
    const v = valueOf[i];
    if (v < 0 || lastCluster[v] === clusterOf[i]) continue;
    lastCluster[v] = clusterOf[i];
    raw[v]++;
  }
  // Probabilities k*/N over the raw total N, as Good–Turing has it (the mass taken from rare values is
  // the share of values not seen yet, N(1)/N), so the frequencies of seen values sum to a little under 1.
  const count = goodTuring(raw);
  let total = 0;
  for (const c of raw) total += c;
  let sumSq = 0;
  if (total > 0) for (let k = 0; k < size; k++) { count[k] /= total; sumSq += count[k] * count[k]; }
  return { freq: count, sumSq };
}

/** Person-level frequencies for every comparison with a term-frequency adjustment (null for the others). */
export function personFrequencies(comparators: readonly Comparator[], clusterOf: Int32Array): (Frequencies | null)[] {
  return comparators.map((c) => (c.tf ? clusterFrequencies(c.tf.valueOf, c.tf.freq.length, clusterOf) : null));
}
