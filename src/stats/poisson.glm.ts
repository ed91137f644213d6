/**
 * Poisson regression with log link by iteratively reweighted least squares (Newton's method),
 * the computation behind R's glm(family = poisson). Reports whether the coefficients (not only
 * the deviance) converged, so a caller can tell a finite maximum from a parameter running off
 * to infinity.
 */
import { choleskyInPlace, choleskyInverse, choleskySolve } from './matrix.math';
import { xlogy } from './gamma.math';

export interface PoissonFit {
  coefficients: number[];
  fitted: number[];
  deviance: number;
  iterations: number;
  /** deviance and every coefficient settled */
  converged: boolean;
  /** deviance settled (R's own criterion) */
  devianceConverged: boolean;
  /** (XᵀWX)⁻¹ at the final fit, row-major p×p; null when singular */
  covariance: Float64Array | null;
  /** coefficient history of the intercept over the last iterations (for divergence diagnosis) */
  interceptTrace: number[];
  /** the information matrix became singular during the fit */
  singular: boolean;
}

export interface PoissonOptions {
  start?: readonly number[];
  maxIterations?: number;
  /** relative deviance change for convergence */
  devianceTolerance?: number;
  /** relative coefficient change for convergence; Infinity = deviance criterion only */
  coefficientTolerance?: number;
  /** skip the final covariance computation */
  skipCovariance?: boolean;
}

export function poissonDeviance(y: ArrayLike<number>, mu: ArrayLike<number>): number {
  let dev = 0;
  for (let i = 0; i < y.length; i++) dev += 2 * (xlogy(y[i], y[i] / mu[i]) - (y[i] - mu[i]));
  return Math.max(dev, 0);
}

export function fitPoisson(x: readonly (readonly number[])[], y: ArrayLike<number>, options: PoissonOptions = {}): PoissonFit {
  const rows = x.length;
  const p = x[0].length;
  const maxIterations = options.maxIterations ?? 100;
  const devTol = options.devianceTolerance ?? 1e-12;
  const coefTol = options.coefficientTolerance ?? 1e-9;
  const eta = new Float64Array(rows);
  const mu = new Float64Array(rows);
  let beta = new Float64Array(p);
  if (options.start) {
    beta = Float64Array.from(options.start);
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += x[i][j] * beta[j];
      eta[i] = s;
      mu[i] = Math.exp(s);
    }
  } else {
    for (let i = 0; i < rows; i++) {
      mu[i] = y[i] + 0.1;
      eta[i] = Math.log(mu[i]);
    }
  }
  let dev = poissonDeviance(y, mu);
  const xtwx = new Float64Array(p * p);
  const xtwz = new Float64Array(p);
  let converged = false;
  let devianceConverged = false;
  let singular = false;
  let iterations = 0;
  const interceptTrace: number[] = [];
  for (let iter = 1; iter <= maxIterations; iter++) {
    iterations = iter;
    xtwx.fill(0);
    xtwz.fill(0);
    for (let i = 0; i < rows; i++) {
      const w = mu[i];
      const z = eta[i] + (y[i] - mu[i]) / mu[i];
      const xi = x[i];
      for (let a = 0; a < p; a++) {
        const wxa = w * xi[a];
        if (wxa === 0) continue;
        xtwz[a] += wxa * z;
        for (let b = 0; b <= a; b++) xtwx[a * p + b] += wxa * xi[b];
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) xtwx[b * p + a] = xtwx[a * p + b];
    if (!choleskyInPlace(xtwx, p)) {
      singular = true;
      break;
    }
    const proposed = choleskySolve(xtwx, p, xtwz);
    // step halving when the deviance is not finite or rises (R halves only for non-finite)
    let step = 1;
    let newDev = Infinity;
    const trial = new Float64Array(p);
    for (let half = 0; half < 40; half++) {
      for (let j = 0; j < p; j++) trial[j] = beta[j] + step * (proposed[j] - beta[j]);
      for (let i = 0; i < rows; i++) {
        let s = 0;
        for (let j = 0; j < p; j++) s += x[i][j] * trial[j];
        eta[i] = s;
        mu[i] = Math.exp(s);
      }
      newDev = poissonDeviance(y, mu);
      if (Number.isFinite(newDev) && newDev <= dev * (1 + 1e-10) + 1e-10) break;
      step /= 2;
    }
    let maxChange = 0;
    for (let j = 0; j < p; j++) maxChange = Math.max(maxChange, Math.abs(trial[j] - beta[j]) / (1 + Math.abs(trial[j])));
    const devChange = Math.abs(newDev - dev) / (Math.abs(newDev) + 0.1);
    beta = Float64Array.from(trial);
    dev = newDev;
    interceptTrace.push(beta[0]);
    if (interceptTrace.length > 8) interceptTrace.shift();
    devianceConverged = devChange < devTol;
    if (devianceConverged && (maxChange < coefTol || !Number.isFinite(coefTol))) {
      converged = true;
      break;
    }
  }
  let covariance: Float64Array | null = null;
  if (!options.skipCovariance && !singular) {
    xtwx.fill(0);
    for (let i = 0; i < rows; i++) {
      const xi = x[i];
      for (let a = 0; a < p; a++) for (let b = 0; b <= a; b++) xtwx[a * p + b] += mu[i] * xi[a] * xi[b];
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) xtwx[b * p + a] = xtwx[a * p + b];
    covariance = choleskyInPlace(xtwx, p, 1e-14) ? choleskyInverse(xtwx, p) : null;
  }
  return {
    coefficients: Array.from(beta),
    fitted: Array.from(mu),
    deviance: dev,
    iterations,
    converged,
    devianceConverged,
    covariance,
    interceptTrace,
    singular,
  };
}
