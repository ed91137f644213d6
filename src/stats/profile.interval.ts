/**
 * Profile-likelihood confidence interval for N, as Rcapture's closedpCI.t computes it
 * (Baillargeon & Rivest 2007; Cormack 1992): for a candidate N, refit the Poisson model with
 * the unobserved cell set to n0 = N − n; the multinomial profile log-likelihood is
 * −deviance/2 + log(N! / n0!) − N log N + n0 log n0. Its maximum over N is found with Brent's
 * method on (n, 3·N̂), and the limits where it drops by χ²₁(level)/2 are found by root finding.
 */
import { logGamma, xlogy } from './gamma.math';
import { chiSquare1Quantile } from './normal.math';
import { findRoot, maximize } from './optimize.math';
import { fitPoisson } from './poisson.glm';
import type { LoglinearFit } from './loglinear.fit';

export interface ProfileInterval {
  /** N maximising the multinomial profile likelihood */
  mode: number;
  lower: number;
  /** null when the likelihood has not dropped enough by `maxFactor` × N̂ */
  upper: number | null;
  level: number;
  /** the upper end of the search range (maxFactor × N̂) */
  searchedUpTo: number;
}

export interface ProfileOptions {
  level?: number;
  /** search the upper limit up to maxFactor × N̂ (Rcapture's fmaxSupCL, default 3) */
  maxFactor?: number;
}

/** The multinomial profile log-likelihood of N for a fitted model (exported for plots and tests). */
export function profileLogLikelihood(fit: LoglinearFit): (N: number) => number {
  if (fit.flagged || fit.N === null) throw new RangeError(`model ${fit.model} is flagged; it has no profile likelihood`);
  const p = fit.design.names.length;
  const rows = [...fit.design.rows, [1, ...new Array<number>(p - 1).fill(0)]];
  const y = [...fit.observed, 0];
  const n = fit.n;
  let start = fit.coefficients.map((c) => c.estimate);
  let startN = fit.N;
  const cache = new Map<number, number>();
  return (N: number): number => {
    const hit = cache.get(N);
    if (hit !== undefined) return hit;
    const n0 = Math.max(N - n, 0);
    y[y.length - 1] = n0;
    const warm = start.slice();
    // move the intercept towards the new unobserved count; the other cells barely change
    if (n0 > 0 && startN !== null) warm[0] = start[0] + Math.log(n0 / Math.max(startN - n, 1e-300));
    const fit0 = fitPoisson(rows, y, {
      start: n0 > 0 ? warm : undefined,
      maxIterations: 60,
      coefficientTolerance: Infinity,
      skipCovariance: true,
    });
    if (n0 > 0 && fit0.devianceConverged) {
      start = fit0.coefficients;
      startN = N;
    }
    const ct = logGamma(N + 1) - logGamma(n0 + 1) - xlogy(N, N) + xlogy(n0, n0);
    const value = -fit0.deviance / 2 + ct;
    cache.set(N, value);
    return value;
  };
}

export function profileInterval(fit: LoglinearFit, options: ProfileOptions = {}): ProfileInterval {
  const level = options.level ?? 0.95;
  const maxFactor = options.maxFactor ?? 3;
  if (fit.flagged || fit.N === null) throw new RangeError(`model ${fit.model} is flagged; no interval`);
  const loglik = profileLogLikelihood(fit);
  const n = fit.n;
  const upperEnd = maxFactor * fit.N;
  const best = maximize(loglik, n, upperEnd, 1e-4);
  const target = best.value - chiSquare1Quantile(level) / 2;
  const shifted = (N: number): number => loglik(N) - target;
  const lower = findRoot(shifted, n, best.x, 1e-4) ?? n;
  const upper = findRoot(shifted, best.x, upperEnd, 1e-4);
  return { mode: best.x, lower, upper, level, searchedUpTo: upperEnd };
}
