/**
 * Plain-language warnings about a counts table (sparseness) and about a fitted model
 * (poor fit, signs of heterogeneity, saturation, competing models). Each warning says what
 * was seen and why it matters for the estimate.
 */
import { chiSquareUpperTail } from './gamma.math';
import { patternKey, type CellCounts } from './counts.table';
import { chiSquare1Quantile } from './normal.math';
import { fitCells, type LoglinearFit } from './loglinear.fit';

function listsOverlap(cells: CellCounts, i: number, j: number): number {
  let shared = 0;
  for (let mask = 1; mask < cells.counts.length; mask++) if ((mask >> i) & 1 && (mask >> j) & 1) shared += cells.counts[mask];
  return shared;
}

export function tableWarnings(cells: CellCounts): string[] {
  const out: string[] = [];
  const cellsTotal = cells.counts.length - 1;
  const empty: string[] = [];
  let small = 0;
  for (let mask = 1; mask < cells.counts.length; mask++) {
    if (cells.counts[mask] === 0) empty.push(patternKey(mask, cells.k));
    if (cells.counts[mask] < 5) small++;
  }
  if (cells.n < 50) {
    out.push(`Only ${cells.n} people are recorded in total; any estimate of how many were missed is very uncertain.`);
  }
  if (empty.length > 0) {
    out.push(
      `${empty.length} of the ${cellsTotal} list combinations have nobody in them (${empty.join(', ')}). ` +
        'Models that need those combinations may have no estimate and have been flagged.',
    );
  }
  if (small > cellsTotal / 2) {
    out.push(`The table is sparse: ${small} of ${cellsTotal} list combinations have fewer than 5 people, so interactions between lists are poorly determined.`);
  }
  for (let i = 0; i < cells.k; i++) {
    let onList = 0;
    for (let mask = 1; mask < cells.counts.length; mask++) if ((mask >> i) & 1) onList += cells.counts[mask];
    if (onList === 0) out.push(`List "${cells.lists[i]}" records nobody; it adds no information and should be removed.`);
  }
  for (let i = 0; i < cells.k; i++) {
    for (let j = i + 1; j < cells.k; j++) {
      const shared = listsOverlap(cells, i, j);
      if (shared < 5) {
        out.push(`Lists "${cells.lists[i]}" and "${cells.lists[j]}" share only ${shared} people; estimates that lean on their overlap are fragile.`);
      }
    }
  }
  return out;
}

/** Warnings about one usable model: fit, saturation, precision. */
export function modelWarnings(fit: LoglinearFit): string[] {
  const out: string[] = [];
  if (fit.flagged || fit.N === null) return out;
  if (fit.df === 0) {
    out.push('This model uses every degree of freedom in the table (saturated): there is nothing left to check its fit.');
  } else {
    const p = chiSquareUpperTail(fit.deviance, fit.df);
    if (p < 0.05) {
      out.push(
        `The model does not fit the observed overlaps well (deviance ${fit.deviance.toFixed(2)} on ${fit.df} df, p = ${p.toPrecision(2)}). ` +
          'Dependence between lists or differences in how likely people are to be recorded (heterogeneity) that the model leaves out can bias the estimate.',
      );
    }
  }
  if (fit.se !== null && fit.mu0 !== null && fit.mu0 > 0 && fit.se > fit.mu0) {
    out.push('The standard error is larger than the estimated number of people missed: the table barely constrains that number under this model.');
  }
  return out;
}

/**
 * Heterogeneity check (Rivest 2011): refit the chosen model with Chao's lower-bound
 * heterogeneity term; a significant drop in deviance means some people are much more likely to
 * be recorded than others, which makes the model without the term underestimate.
 */
export function heterogeneityWarning(cells: CellCounts, fit: LoglinearFit, level = 0.95): string | null {
  if (cells.k < 3 || fit.flagged || fit.N === null || fit.df < 1 || fit.heterogeneity !== 'none') return null;
  const withTerm = fitCells(cells, fit.spec, { heterogeneity: 'LB' });
  if (withTerm.flagged || withTerm.N === null || withTerm.rank === fit.rank) return null;
  const drop = fit.deviance - withTerm.deviance;
  const critical = chiSquare1Quantile(level);
  if (!(drop > critical) || Math.round(withTerm.N) <= Math.round(fit.N)) return null;
  return (
    `Signs of heterogeneity: some people seem much more likely than others to be recorded. Allowing for this (Chao's lower-bound term) ` +
    `improves the fit clearly (deviance ${fit.deviance.toFixed(2)} → ${withTerm.deviance.toFixed(2)}) and raises the estimated total from ` +
    `${Math.round(fit.N)} to ${Math.round(withTerm.N)}; the figure reported here is probably too low.`
  );
}

/** Warn when models about as good as the chosen one give clearly different totals. */
export function competingModelsWarning(ranked: readonly LoglinearFit[], criterionValue: (f: LoglinearFit) => number, name: string): string | null {
  if (ranked.length < 2) return null;
  const best = criterionValue(ranked[0]);
  const close = ranked.filter((f) => criterionValue(f) - best < 2);
  if (close.length < 2) return null;
  const totals = close.map((f) => f.N as number);
  const lo = Math.min(...totals);
  const hi = Math.max(...totals);
  const chosen = ranked[0].N as number;
  if (hi - lo < 0.1 * chosen) return null;
  return (
    `${close.length} models fit almost equally well by ${name} (within 2 points) but give totals from ${Math.round(lo)} to ${Math.round(hi)}; ` +
    'the choice of model matters more here than the interval of any one model suggests.'
  );
}
