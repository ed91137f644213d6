/** Shared types of the multiple systems estimation (capture–recapture) code. */

/** One observed capture pattern: 0/1 per list, and how many people have exactly that pattern. */
export interface CountsRow {
  pattern: number[];
  count: number;
}

/** A counts table over k lists (2 ≤ k ≤ 6). The all-zero pattern is the unknown and never appears. */
export interface CountsTable {
  lists: string[];
  rows: CountsRow[];
  /** non-fatal remarks from parsing (ignored rows, patterns filled with zero) */
  notes?: string[];
}

/**
 * A hierarchical log-linear model: all main effects plus the interaction `terms`, each a bitmask
 * over the lists (bit i = list i + 1), closed under taking sub-terms of size ≥ 2.
 */
export interface LoglinearModel {
  k: number;
  terms: number[];
}

/** Heterogeneity columns in Rcapture's sense (Rivest 2011): none, Chao lower bound, Poisson(2), Darroch. */
export type Heterogeneity = 'none' | 'LB' | 'poisson2' | 'darroch';

export type SelectionCriterion = 'aic' | 'bic';
