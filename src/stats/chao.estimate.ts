/**
 * Chao's (1987) lower bound for the population size from the numbers of people seen on exactly
 * one list (f1) and exactly two lists (f2), and Chao's log-transform confidence interval, which
 * keeps the lower limit above the number observed.
 *
 *   N = n + f1² / (2 f2),  Var = f2 [ (f1/f2)⁴/4 + (f1/f2)³ + (f1/f2)²/2 ]
 *   when f2 = 0 the bias-corrected form N = n + f1 (f1 − 1) / 2 is used
 *   interval: n + (N − n)/C .. n + (N − n)·C,  C = exp(z sqrt(log(1 + se² / (N − n)²)))
 */
import { cellCounts } from './counts.table';
import { popcount } from './model.notation';
import { twoSidedZ } from './normal.math';
import type { CountsTable } from './mse.types';

export interface ChaoLowerBound {
  n: number;
  f1: number;
  f2: number;
  N: number;
  se: number;
  ci: [number, number];
  level: number;
  warnings: string[];
}

/** Chao's log-transform interval for N given n observed, the estimate and its s.e. */
export function chaoLogInterval(n: number, N: number, se: number, level = 0.95): [number, number] {
  const unseen = N - n;
  if (!(unseen > 0) || !(se > 0)) return [N, N];
  const c = Math.exp(twoSidedZ(level) * Math.sqrt(Math.log(1 + (se * se) / (unseen * unseen))));
  return [n + unseen / c, n + unseen * c];
}

export function chaoLowerBound(table: CountsTable, level = 0.95): ChaoLowerBound {
  const cells = cellCounts(table);
  let f1 = 0;
  let f2 = 0;
  for (let mask = 1; mask < cells.counts.length; mask++) {
    const c = popcount(mask);
    if (c === 1) f1 += cells.counts[mask];
    else if (c === 2) f2 += cells.counts[mask];
  }
  const n = cells.n;
  const warnings: string[] = [];
  let N: number;
  let variance: number;
  if (f2 > 0) {
    const r = f1 / f2;
    N = n + (f1 * f1) / (2 * f2);
    variance = f2 * (r ** 4 / 4 + r ** 3 + r ** 2 / 2);
  } else {
    N = n + (f1 * (f1 - 1)) / 2;
    // Chao's bias-corrected variance with f2 = 0
    variance = (f1 * (f1 - 1)) / 2 + (f1 * (2 * f1 - 1) ** 2) / 4 - f1 ** 4 / (4 * N);
    warnings.push('Nobody is on exactly two lists, so the Chao lower bound uses its bias-corrected form and is very uncertain.');
  }
  const se = Math.sqrt(Math.max(variance, 0));
  return { n, f1, f2, N, se, ci: chaoLogInterval(n, N, se, level), level, warnings };
}
