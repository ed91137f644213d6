/**
 * Rcapture's bracket notation for hierarchical log-linear models, e.g. `[12,3,4]` = independence
 * of four lists plus the list1×list2 interaction. Each generator names lists by their 1-based
 * position; a generator implies all its sub-interactions; lists not named keep their main effect.
 */
import type { LoglinearModel } from './mse.types';

export function popcount(mask: number): number {
  let count = 0;
  for (let m = mask; m; m &= m - 1) count++;
  return count;
}

/** All sub-masks of `mask` with at least two bits (including `mask` itself). */
export function interactionSubterms(mask: number): number[] {
  const out: number[] = [];
  for (let sub = mask; sub > 0; sub = (sub - 1) & mask) if (popcount(sub) >= 2) out.push(sub);
  return out;
}

/** Build a model from generator masks, closing it under sub-terms. */
export function modelFromGenerators(k: number, generators: readonly number[]): LoglinearModel {
  const terms = new Set<number>();
  for (const g of generators) for (const t of interactionSubterms(g)) terms.add(t);
  return { k, terms: [...terms].sort(compareTerms) };
}

/** Order terms by size, then by list positions. */
export function compareTerms(a: number, b: number): number {
  return popcount(a) - popcount(b) || termDigits(a).localeCompare(termDigits(b));
}

/** "13" for the mask of lists 1 and 3. */
export function termDigits(mask: number): string {
  let out = '';
  for (let i = 0; mask >> i; i++) if ((mask >> i) & 1) out += String(i + 1);
  return out;
}

export function independenceModel(k: number): LoglinearModel {
  return { k, terms: [] };
}

/** Parse `[12,3,4]` (spaces allowed) for a table of k lists. */
export function parseModel(text: string, k: number): LoglinearModel {
  const trimmed = text.trim();
  const match = /^\[(.*)\]$/.exec(trimmed);
  if (!match) throw new SyntaxError(`model "${text}" must be written in brackets, e.g. [12,3,4]`);
  const parts = match[1].split(',').map((p) => p.trim());
  const generators: number[] = [];
  for (const part of parts) {
    if (!/^[1-9]+$/.test(part)) throw new SyntaxError(`model "${text}": "${part}" is not a list of list numbers (digits 1–${k})`);
    let mask = 0;
    for (const ch of part) {
      const i = Number(ch);
      if (i > k) throw new SyntaxError(`model "${text}": list ${i} does not exist, the table has ${k} lists`);
      if (mask & (1 << (i - 1))) throw new SyntaxError(`model "${text}": list ${i} repeated in "${part}"`);
      mask |= 1 << (i - 1);
    }
    generators.push(mask);
  }
  return modelFromGenerators(k, generators);
}

/** The maximal terms of a hierarchical model, plus lists that appear in no interaction. */
export function generators(model: LoglinearModel): number[] {
  const maximal = model.terms.filter((t) => !model.terms.some((u) => u !== t && (u & t) === t));
  const covered = maximal.reduce((acc, t) => acc | t, 0);
  const singles: number[] = [];
  for (let i = 0; i < model.k; i++) if (!(covered & (1 << i))) singles.push(1 << i);
  return [...maximal, ...singles];
}

/** Canonical bracket form, generators sorted by their digits: `[12,3,4]`, `[13,24,34]`. */
export function formatModel(model: LoglinearModel): string {
  const parts = generators(model).map(termDigits).sort();
  return `[${parts.join(',')}]`;
}

/** Readable names of the interaction terms, e.g. ["c1:c2"] with the table's list names. */
export function termNames(model: LoglinearModel, lists: readonly string[]): string[] {
  return model.terms.map((t) => {
    const names: string[] = [];
    for (let i = 0; i < model.k; i++) if ((t >> i) & 1) names.push(lists[i]);
    return names.join(':');
  });
}
