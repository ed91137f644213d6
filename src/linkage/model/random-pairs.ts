/** u probabilities from uniformly random record pairs (nearly all non-matches). */
import { mulberry32 } from '../../domain';
import type { Comparator } from '../compare/comparison.types';

/** The seeded generator lives in domain (shared with demo data and tests); re-exported for the engine. */
export { mulberry32 };

export interface RandomPairsResult { u: number[][]; pairs: number }

/** Estimates u[c][l] from `samples` random pairs (in link mode only pairs across sources). */
export function estimateUFromRandomPairs(n: number, comparators: readonly Comparator[], samples: number, seed: number, sourceOf?: Int32Array): RandomPairsResult {
  const rnd = mulberry32(seed);
  const counts = comparators.map((c) => new Float64Array(c.levels.length).fill(0.5));
  let done = 0;
  const total = n * (n - 1) / 2;
  const exhaustive = total <= samples;
  const visit = (i: number, j: number) => {
    if (sourceOf && sourceOf[i] === sourceOf[j]) return;
    for (let c = 0; c < comparators.length; c++) {
      const l = comparators[c].compare(i, j);
      if (l > 0) counts[c][l - 1]++;
    }
    done++;
  };
  if (exhaustive) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) visit(i, j);
  } else {
    let tries = 0;
    while (done < samples && tries < samples * 20) {
      tries++;
      const i = Math.floor(rnd() * n), j = Math.floor(rnd() * n);
      if (i !== j) visit(i, j);
    }
  }
  const u = counts.map((r) => { const s = r.reduce((a, b) => a + b, 0); return Array.from(r, (x) => x / s); });
  return { u, pairs: done };
}
