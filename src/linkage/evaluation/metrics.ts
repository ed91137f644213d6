/** Pairwise precision, recall and F1 of a clustering against ground-truth entities. */

export interface PairwiseMetrics {
  truePositives: number;
  predictedPairs: number;
  truePairs: number;
  precision: number;
  recall: number;
  f1: number;
}

const pairs = (k: number) => (k * (k - 1)) / 2;

/** `predicted[i]` and `truth[i]` label record i; pairs are unordered record pairs sharing a label. */
export function pairwiseMetrics(predicted: ArrayLike<number | string>, truth: ArrayLike<number | string>): PairwiseMetrics {
  const P = new Map<number | string, number>(), T = new Map<number | string, number>(), PT = new Map<string, number>();
  for (let i = 0; i < predicted.length; i++) {
    P.set(predicted[i], (P.get(predicted[i]) ?? 0) + 1);
    T.set(truth[i], (T.get(truth[i]) ?? 0) + 1);
    const k = `${predicted[i]}\u0000${truth[i]}`;
    PT.set(k, (PT.get(k) ?? 0) + 1);
  }
  let tp = 0, pp = 0, tt = 0;
  for (const v of PT.values()) tp += pairs(v);
  for (const v of P.values()) pp += pairs(v);
  for (const v of T.values()) tt += pairs(v);
  const precision = pp === 0 ? 1 : tp / pp;
  const recall = tt === 0 ? 1 : tp / tt;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives: tp, predictedPairs: pp, truePairs: tt, precision, recall, f1 };
}
