/**
 * Training without labels, in sessions (as Splink does): for each blocking rule, the candidate pairs
 * that agree on the rule's keys are a sample in which the rule's own fields agree by construction;
 * EM on that sample estimates m for the *other* comparisons, with u fixed to the random-pair estimate.
 * The m of each comparison is averaged over the sessions where it was free (weighted by the
 * session's expected matches). The population prior λ then solves the EM fixed point over all
 * record pairs, with non-candidate pairs taken as non-matches: λ = Σ_candidates P(match | γ, λ) / N.
 */
import type { BlockingIndex } from '../block/candidates';
import type { PairStore, PatternTable } from '../block/pair-store';
import type { Comparator, ComparisonSpec } from '../compare/comparison.types';
import { expectationMaximisation, initialM, type EmOptions } from './em';

export interface SessionSummary { rule: string; pairs: number; lambda: number; iterations: number; converged: boolean; estimated: string[] }

export interface TrainResult {
  m: number[][];
  lambda: number;
  sessions: SessionSummary[];
  /** Comparisons no session could estimate (their m comes from EM on all candidates). */
  fallback: string[];
}

export function trainBySessions(
  patterns: PatternTable, pairs: PairStore, index: BlockingIndex, comparators: readonly Comparator[], specs: readonly ComparisonSpec[],
  uRandom: number[][], allPairs: number, em: EmOptions = {},
): TrainResult {
  const C = comparators.length;
  const P = patterns.size;
  const levelCounts = comparators.map((c) => c.levels.length);
  const sumM = levelCounts.map((L) => new Array<number>(L).fill(0));
  const sumW = new Array<number>(C).fill(0);
  const sessions: SessionSummary[] = [];
  for (let r = 0; r < index.rules.length; r++) {
    const rk = index.rules[r];
    // A multi-valued rule (one-deletion variants) holds few, typo'd pairs: the single-valued rules train the model.
    if (rk.multi) continue;
    const fields = new Set(rk.rule.parts.map((p) => p.field));
    const excluded = specs.map((s) => fields.has(s.field));
    if (excluded.every((x) => x)) continue;
    const counts = new Float64Array(P);
    const key = rk.key, over = index.oversized[r];
    let N = 0;
    for (let k = 0; k < pairs.length; k++) {
      const ki = key[pairs.a[k]];
      if (ki >= 0 && ki === key[pairs.b[k]] && over[ki] === 0) { counts[pairs.pat[k]]++; N++; }
    }
    if (N < 20) continue;
    const g = patterns.gammas.slice(0, P * C);
    for (let q = 0; q < P; q++) for (let c = 0; c < C; c++) if (excluded[c]) g[q * C + c] = 0;
    const res = expectationMaximisation(g, counts, P, levelCounts, { m: initialM(levelCounts), u: uRandom, lambda: 0.1 }, { ...em, fixU: true });
    const w = res.lambda * N;
    const estimated: string[] = [];
    for (let c = 0; c < C; c++) {
      if (excluded[c]) continue;
      estimated.push(comparators[c].name);
      for (let l = 0; l < levelCounts[c]; l++) sumM[c][l] += w * res.m[c][l];
      sumW[c] += w;
    }
    sessions.push({ rule: rk.rule.name, pairs: N, lambda: res.lambda, iterations: res.iterations, converged: res.converged, estimated });
  }
  const fallback: string[] = [];
  let freeEm: number[][] | undefined;
  const m = levelCounts.map((L, c) => {
    if (sumW[c] > 0) return sumM[c].map((x) => x / sumW[c]);
    fallback.push(comparators[c].name);
    freeEm ??= expectationMaximisation(patterns.gammas, patterns.counts, P, levelCounts, { m: initialM(levelCounts), u: uRandom, lambda: 0.1 }, em).m;
    return freeEm[c];
  });
  const lambda = populationPrior(patterns, m, uRandom, allPairs);
  return { m, lambda, sessions, fallback };
}

/** Fixed point λ = Σ_patterns count · P(match | pattern, λ) / N over all N record pairs. */
export function populationPrior(patterns: PatternTable, m: number[][], u: number[][], allPairs: number): number {
  if (!(allPairs >= 1) || patterns.size === 0) return 1e-12;
  const C = patterns.levelCounts.length;
  const bf = new Float64Array(patterns.size);
  for (let q = 0; q < patterns.size; q++) {
    let s = 1;
    for (let c = 0; c < C; c++) { const l = patterns.gammas[q * C + c]; if (l > 0) s *= m[c][l - 1] / u[c][l - 1]; }
    bf[q] = s;
  }
  let lambda = 1 / Math.max(2, allPairs);
  for (let it = 0; it < 200; it++) {
    const odds = lambda / (1 - lambda);
    let e = 0;
    for (let q = 0; q < patterns.size; q++) { const o = odds * bf[q]; e += patterns.counts[q] * (o / (1 + o)); }
    const next = Math.min(0.5, Math.max(1e-12, e / allPairs));
    if (Math.abs(next - lambda) <= 1e-9 * lambda) { lambda = next; break; }
    lambda = next;
  }
  return lambda;
}
