/**
 * Validation of a CountsTable and conversion to cell counts indexed by bitmask
 * (bit i set = on list i + 1). Index 0, the unobserved cell, is always 0.
 */
import type { CountsTable } from './mse.types';

export interface CellCounts {
  k: number;
  lists: string[];
  /** counts[mask] for mask = 1 .. 2^k − 1 */
  counts: Float64Array;
  /** people observed on at least one list */
  n: number;
}

export function patternKey(mask: number, k: number): string {
  let out = '';
  for (let i = 0; i < k; i++) out += (mask >> i) & 1 ? '1' : '0';
  return out;
}

export function cellCounts(table: CountsTable): CellCounts {
  const k = table.lists.length;
  if (k < 2 || k > 6) throw new RangeError(`a counts table needs 2 to 6 lists, got ${k}`);
  if (new Set(table.lists).size !== k) throw new RangeError('list names must be distinct');
  const counts = new Float64Array(1 << k);
  const given = new Set<number>();
  table.rows.forEach((row, r) => {
    if (row.pattern.length !== k) throw new RangeError(`row ${r + 1}: pattern has ${row.pattern.length} entries, expected ${k}`);
    let mask = 0;
    row.pattern.forEach((v, i) => {
      if (v !== 0 && v !== 1) throw new RangeError(`row ${r + 1}, list "${table.lists[i]}": expected 0 or 1, got ${v}`);
      if (v === 1) mask |= 1 << i;
    });
    if (!Number.isInteger(row.count) || row.count < 0) throw new RangeError(`row ${r + 1}: count must be a non-negative integer, got ${row.count}`);
    if (mask === 0) {
      if (row.count > 0) throw new RangeError(`row ${r + 1}: the all-zero pattern cannot have people; it is the unknown`);
      return;
    }
    if (given.has(mask)) throw new RangeError(`row ${r + 1}: pattern ${row.pattern.join('')} given twice`);
    given.add(mask);
    counts[mask] = row.count;
  });
  let n = 0;
  for (let m = 1; m < counts.length; m++) n += counts[m];
  if (n === 0) throw new RangeError('the table records nobody: there is nothing to estimate from');
  return { k, lists: [...table.lists], counts, n };
}
