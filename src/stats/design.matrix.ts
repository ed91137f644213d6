/**
 * The 0/1 design matrix of a log-linear model over the 2^k − 1 observed cells
 * (Rcapture's coding): intercept, one column per list, one product column per interaction,
 * and optional heterogeneity columns that depend only on how many lists a person is on.
 */
import { popcount, termNames } from './model.notation';
import type { Heterogeneity, LoglinearModel } from './mse.types';

export interface Design {
  k: number;
  /** cell bitmasks, one per row: 1 .. 2^k − 1 */
  masks: number[];
  /** rows × columns, column 0 is the intercept */
  rows: number[][];
  names: string[];
  /** indices of the heterogeneity columns (Chao/LB eta columns may be dropped when negative) */
  heterogeneityColumns: number[];
}

/** Heterogeneity covariate(s) for a cell seen on `c` lists (Rivest 2011; Rcapture `Xclosedp`). */
function heterogeneityValues(kind: Heterogeneity, c: number, k: number): number[] {
  switch (kind) {
    case 'none':
      return [];
    case 'LB': {
      // Chao's lower-bound model: eta_j, j = 3..k, column max(c − j + 1, 0)
      const values: number[] = [];
      for (let j = 3; j <= k; j++) values.push(Math.max(c - j + 1, 0));
      return values.length > 0 ? values : [0];
    }
    case 'poisson2':
      return [2 ** c - 1];
    case 'darroch':
      return [(c * c) / 2];
  }
}

function heterogeneityNames(kind: Heterogeneity, k: number): string[] {
  if (kind === 'none') return [];
  if (kind === 'LB') {
    const names: string[] = [];
    for (let j = 3; j <= k; j++) names.push(`eta${j}`);
    return names.length > 0 ? names : ['eta'];
  }
  return ['tau'];
}

export function buildDesign(model: LoglinearModel, lists: readonly string[], heterogeneity: Heterogeneity = 'none'): Design {
  const { k } = model;
  const masks: number[] = [];
  const rows: number[][] = [];
  for (let mask = 1; mask < 1 << k; mask++) {
    masks.push(mask);
    const row = [1];
    for (let i = 0; i < k; i++) row.push((mask >> i) & 1);
    for (const t of model.terms) row.push((mask & t) === t ? 1 : 0);
    row.push(...heterogeneityValues(heterogeneity, popcount(mask), k));
    rows.push(row);
  }
  const names = ['(Intercept)', ...lists, ...termNames(model, lists), ...heterogeneityNames(heterogeneity, k)];
  const first = 1 + k + model.terms.length;
  const heterogeneityColumns = names.slice(first).map((_, i) => first + i);
  return { k, masks, rows, names, heterogeneityColumns };
}

/** Drop columns by index (used when a Chao eta coefficient is negative). */
export function dropColumns(design: Design, drop: ReadonlySet<number>): Design {
  const keep = design.names.map((_, i) => i).filter((i) => !drop.has(i));
  const newIndex = new Map(keep.map((old, i) => [old, i]));
  return {
    k: design.k,
    masks: design.masks,
    rows: design.rows.map((r) => keep.map((i) => r[i])),
    names: keep.map((i) => design.names[i]),
    heterogeneityColumns: design.heterogeneityColumns.filter((i) => !drop.has(i)).map((i) => newIndex.get(i)!),
  };
}
