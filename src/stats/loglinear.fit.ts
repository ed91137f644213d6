/**
 * Fit one log-linear capture–recapture model (as Rcapture `closedpCI.t` does):
 * Poisson GLM on the 2^k − 1 observed cells; N = n + exp(intercept);
 * s.e. = sqrt(mu0 + mu0² Var(intercept)); deviance, df, AIC as R's glm; BIC with n = people observed.
 *
 * Refuses to mislead: when the maximum likelihood estimate does not exist (a parameter runs off
 * to ±infinity because of empty cells), the fit does not converge, or the design is rank
 * deficient, the result is `flagged` with a plain warning and N = null.
 */
import { buildDesign, dropColumns, type Design } from './design.matrix';
import { cellCounts, patternKey, type CellCounts } from './counts.table';
import { columnRank } from './matrix.math';
import { logGamma, xlogy } from './gamma.math';
import { fitPoisson, type PoissonFit } from './poisson.glm';
import { formatModel } from './model.notation';
import type { CountsTable, Heterogeneity, LoglinearModel } from './mse.types';

export interface Coefficient {
  name: string;
  estimate: number;
  se: number | null;
}

export interface LoglinearFit {
  /** bracket notation, with the heterogeneity term when there is one, e.g. "[13,24,34] + LB" */
  model: string;
  spec: LoglinearModel;
  heterogeneity: Heterogeneity;
  lists: string[];
  /** people observed (on at least one list) */
  n: number;
  /** estimated total population, or null when flagged */
  N: number | null;
  se: number | null;
  /** estimated number on none of the lists (exp(intercept)), or null when flagged */
  mu0: number | null;
  deviance: number;
  df: number;
  aic: number;
  bic: number;
  /** number of estimated parameters */
  rank: number;
  flagged: boolean;
  warnings: string[];
  converged: boolean;
  iterations: number;
  coefficients: Coefficient[];
  /** fitted count per observed cell, in design row order */
  fitted: number[];
  /** the design actually fitted (after dropping negative Chao eta columns) */
  design: Design;
  /** observed counts in design row order */
  observed: number[];
}

export interface FitOptions {
  heterogeneity?: Heterogeneity;
  maxIterations?: number;
}

/** Full Poisson log-likelihood, as R's dpois(log = TRUE) summed. */
export function poissonLogLik(y: ArrayLike<number>, mu: ArrayLike<number>): number {
  let ll = 0;
  for (let i = 0; i < y.length; i++) ll += xlogy(y[i], mu[i]) - mu[i] - logGamma(y[i] + 1);
  return ll;
}

const ZERO_FITTED = 1e-6;
const HUGE_FACTOR = 1e6;

function emptyCellsGoingToZero(design: Design, observed: number[], fit: PoissonFit): string[] {
  const out: string[] = [];
  design.masks.forEach((mask, i) => {
    if (observed[i] === 0 && fit.fitted[i] < ZERO_FITTED) out.push(patternKey(mask, design.k));
  });
  return out;
}

function diagnose(design: Design, observed: number[], fit: PoissonFit, n: number): string[] {
  const problems: string[] = [];
  const zeros = emptyCellsGoingToZero(design, observed, fit);
  if (zeros.length > 0) {
    problems.push(
      `Empty cell(s) ${zeros.join(', ')} make a model parameter run off to infinity (fitted counts there go to zero); ` +
        'the maximum likelihood estimate does not exist, so no population figure is given for this model.',
    );
  }
  const trace = fit.interceptTrace;
  const rising = trace.length >= 3 && trace[trace.length - 1] > trace[trace.length - 3] + 1e-3;
  const mu0 = Math.exp(fit.coefficients[0]);
  if ((!fit.converged && rising) || mu0 > HUGE_FACTOR * n || !Number.isFinite(mu0)) {
    problems.push(
      'The estimated number of people on none of the lists grows without bound (the intercept diverges): ' +
        'the overlaps in this table cannot pin down that number under this model.',
    );
  }
  if (problems.length === 0 && fit.singular) {
    problems.push('The fit broke down: the information matrix became singular, so this model cannot be estimated from this table.');
  }
  if (problems.length === 0 && !fit.converged) {
    problems.push(`The fit did not converge after ${fit.iterations} iterations; its estimate is not reported.`);
  }
  return problems;
}

/** Fit a model to a validated cell-count table. */
export function fitCells(cells: CellCounts, spec: LoglinearModel, options: FitOptions = {}): LoglinearFit {
  const heterogeneity = options.heterogeneity ?? 'none';
  let design = buildDesign(spec, cells.lists, heterogeneity);
  const observed = design.masks.map((m) => cells.counts[m]);
  const label = formatModel(spec) + (heterogeneity === 'none' ? '' : ` + ${heterogeneity}`);
  const cellsCount = design.rows.length;
  const base = { model: label, spec, heterogeneity, lists: cells.lists, n: cells.n, observed };
  const p = design.names.length;
  if (p > cellsCount || columnRank(design.rows) < p) {
    return {
      ...base,
      N: null, se: null, mu0: null, deviance: NaN, df: cellsCount - p, aic: NaN, bic: NaN, rank: p,
      flagged: true,
      warnings: [`Rank deficiency: the model has ${p} parameters but the ${cellsCount} observed cells cannot identify them all; it cannot be estimated.`],
      converged: false, iterations: 0, coefficients: [], fitted: [], design,
    };
  }
  let fit = fitPoisson(design.rows, observed, { maxIterations: options.maxIterations ?? 100 });
  // Chao / LB: drop the first negative eta and refit, until none is negative (Rcapture's neg = TRUE)
  while (heterogeneity === 'LB' && !fit.singular) {
    const negative = design.heterogeneityColumns.find((c) => fit.coefficients[c] < 0);
    if (negative === undefined) break;
    design = dropColumns(design, new Set([negative]));
    fit = fitPoisson(design.rows, observed, { maxIterations: options.maxIterations ?? 100 });
  }
  const rank = design.names.length;
  const deviance = fit.deviance;
  const df = cellsCount - rank;
  const aic = -2 * poissonLogLik(observed, fit.fitted) + 2 * rank;
  const bic = aic + (Math.log(cells.n) - 2) * rank;
  const problems = diagnose(design, observed, fit, cells.n);
  const cov = fit.covariance;
  const coefficients = design.names.map((name, j) => ({
    name,
    estimate: fit.coefficients[j],
    se: cov ? Math.sqrt(cov[j * rank + j]) : null,
  }));
  const flagged = problems.length > 0 || cov === null;
  if (cov === null && problems.length === 0) problems.push('The variance of the estimate could not be computed (singular information matrix).');
  const mu0 = Math.exp(fit.coefficients[0]);
  const se = cov && !flagged ? Math.sqrt(mu0 + mu0 * mu0 * cov[0]) : null;
  return {
    ...base,
    N: flagged ? null : cells.n + mu0,
    se,
    mu0: flagged ? null : mu0,
    deviance,
    df,
    aic,
    bic,
    rank,
    flagged,
    warnings: problems,
    converged: fit.converged,
    iterations: fit.iterations,
    coefficients,
    fitted: fit.fitted,
    design,
  };
}

/** Fit a model to a counts table. */
export function fitLoglinear(table: CountsTable, spec: LoglinearModel, options: FitOptions = {}): LoglinearFit {
  const cells = cellCounts(table);
  if (spec.k !== cells.k) throw new RangeError(`model is for ${spec.k} lists but the table has ${cells.k}`);
  return fitCells(cells, spec, options);
}
