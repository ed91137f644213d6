/**
 * Candidate model sets. For 2–4 lists: every hierarchical log-linear model that the
 * 2^k − 1 observed cells can identify (all terms of order < k): 1 for 2 lists, 8 for 3, 113 for 4.
 * For 5–6 lists (where that set is far too large to fit): independence, independence plus each
 * single two-way interaction, and all two-way interactions.
 */
import { compareTerms, independenceModel, interactionSubterms, popcount } from './model.notation';
import type { LoglinearModel } from './mse.types';

function isHierarchical(terms: ReadonlySet<number>): boolean {
  for (const t of terms) for (const sub of interactionSubterms(t)) if (!terms.has(sub)) return false;
  return true;
}

/** Every hierarchical model with all main effects and interactions of order 2..k−1. */
export function hierarchicalModels(k: number): LoglinearModel[] {
  if (k < 2 || k > 4) throw new RangeError(`hierarchicalModels: enumerated for 2 to 4 lists, got ${k}`);
  const candidates: number[] = [];
  for (let mask = 1; mask < 1 << k; mask++) {
    const size = popcount(mask);
    if (size >= 2 && size < k) candidates.push(mask);
  }
  candidates.sort(compareTerms);
  const models: LoglinearModel[] = [];
  for (let pick = 0; pick < 1 << candidates.length; pick++) {
    const terms = new Set<number>();
    candidates.forEach((t, i) => {
      if ((pick >> i) & 1) terms.add(t);
    });
    if (isHierarchical(terms)) models.push({ k, terms: [...terms].sort(compareTerms) });
  }
  models.sort((a, b) => a.terms.length - b.terms.length);
  return models;
}

export function twoWayTerms(k: number): number[] {
  const terms: number[] = [];
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) terms.push((1 << i) | (1 << j));
  return terms.sort(compareTerms);
}

/** The candidate models that model search fits for a table of k lists. */
export function candidateModels(k: number): LoglinearModel[] {
  if (k <= 4) return hierarchicalModels(k);
  if (k > 6) throw new RangeError(`at most 6 lists are supported, got ${k}`);
  const pairs = twoWayTerms(k);
  return [independenceModel(k), ...pairs.map((t) => ({ k, terms: [t] })), { k, terms: pairs }];
}
