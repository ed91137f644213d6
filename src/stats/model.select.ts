/**
 * Model selection by AIC or BIC among the models that could be estimated, and model averaging
 * with Akaike / Schwarz weights (Buckland, Burnham & Augustin 1997 for the averaged s.e.).
 * Flagged models never take part: they have no estimate.
 */
import type { LoglinearFit } from './loglinear.fit';
import type { SelectionCriterion } from './mse.types';

export function criterionOf(fit: LoglinearFit, criterion: SelectionCriterion): number {
  return criterion === 'aic' ? fit.aic : fit.bic;
}

/** Usable fits sorted best first by the criterion (ties keep the simpler model first). */
export function rankModels(fits: readonly LoglinearFit[], criterion: SelectionCriterion): LoglinearFit[] {
  return fits
    .filter((f) => !f.flagged && f.N !== null && Number.isFinite(criterionOf(f, criterion)))
    .sort((a, b) => criterionOf(a, criterion) - criterionOf(b, criterion) || a.rank - b.rank);
}

export function selectModel(fits: readonly LoglinearFit[], criterion: SelectionCriterion): LoglinearFit | null {
  return rankModels(fits, criterion)[0] ?? null;
}

export interface ModelWeight {
  model: string;
  weight: number;
  N: number;
}

export interface ModelAverage {
  criterion: SelectionCriterion;
  N: number;
  /** unconditional s.e.: Σ w_m sqrt(se_m² + (N_m − N̄)²) */
  se: number;
  weights: ModelWeight[];
}

export function averageModels(fits: readonly LoglinearFit[], criterion: SelectionCriterion): ModelAverage | null {
  const usable = rankModels(fits, criterion);
  if (usable.length === 0) return null;
  const best = criterionOf(usable[0], criterion);
  const raw = usable.map((f) => Math.exp(-(criterionOf(f, criterion) - best) / 2));
  const total = raw.reduce((s, w) => s + w, 0);
  const weights = usable.map((f, i) => ({ model: f.model, weight: raw[i] / total, N: f.N as number }));
  const N = weights.reduce((s, w) => s + w.weight * w.N, 0);
  const se = usable.reduce((s, f, i) => s + weights[i].weight * Math.sqrt((f.se ?? 0) ** 2 + ((f.N as number) - N) ** 2), 0);
  return { criterion, N, se, weights };
}
