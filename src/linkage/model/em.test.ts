import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PatternTable } from '../block/pair-store';
import { expectationMaximisation, initialM } from './em';
import { mulberry32 } from './random-pairs';
import { populationPrior } from './train';

/** Draws `n` pairs from a Fellegi–Sunter model with known m, u, λ (independent comparisons, some missing). */
function simulate(n: number, m: number[][], u: number[][], lambda: number, missing: number, seed: number): PatternTable {
  const rnd = mulberry32(seed);
  const t = new PatternTable(m.map((r) => r.length));
  const levels = new Uint8Array(m.length);
  const draw = (p: number[]) => { let r = rnd(); for (let l = 0; l < p.length; l++) { r -= p[l]; if (r < 0) return l + 1; } return p.length; };
  for (let k = 0; k < n; k++) {
    const match = rnd() < lambda;
    for (let c = 0; c < m.length; c++) levels[c] = rnd() < missing ? 0 : draw(match ? m[c] : u[c]);
    t.add(levels);
  }
  return t;
}

const M = [[0.85, 0.1, 0.05], [0.7, 0.2, 0.1], [0.9, 0.05, 0.05], [0.8, 0.15, 0.05], [0.75, 0.25]];
const U = [[0.02, 0.08, 0.9], [0.05, 0.15, 0.8], [0.01, 0.04, 0.95], [0.1, 0.2, 0.7], [0.3, 0.7]];

describe('EM', () => {
  it('recovers known m, u and λ from unlabelled simulated pairs', () => {
    const t = simulate(200_000, M, U, 0.2, 0.1, 7);
    const r = expectationMaximisation(t.gammas, t.counts, t.size, M.map((x) => x.length), { m: initialM(M.map((x) => x.length)), u: M.map((x) => x.map(() => 1 / x.length)), lambda: 0.5 }, { tolerance: 1e-8, maxIterations: 1000 });
    expect(r.converged).toBe(true);
    expect(r.lambda).toBeCloseTo(0.2, 2);
    for (let c = 0; c < M.length; c++) for (let l = 0; l < M[c].length; l++) {
      expect(Math.abs(r.m[c][l] - M[c][l])).toBeLessThan(0.02);
      expect(Math.abs(r.u[c][l] - U[c][l])).toBeLessThan(0.02);
    }
  });
  it('with u fixed, recovers m and λ', () => {
    const t = simulate(100_000, M, U, 0.05, 0, 11);
    const r = expectationMaximisation(t.gammas, t.counts, t.size, M.map((x) => x.length), { m: initialM(M.map((x) => x.length)), u: U, lambda: 0.3 }, { fixU: true, tolerance: 1e-9, maxIterations: 1000 });
    expect(r.lambda).toBeCloseTo(0.05, 2);
    for (let c = 0; c < M.length; c++) for (let l = 0; l < M[c].length; l++) expect(Math.abs(r.m[c][l] - M[c][l])).toBeLessThan(0.03);
  });
  it('property: parameters stay probability distributions and the log-likelihood never decreases', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
      const t = simulate(2000, M, U, 0.3, 0.2, seed);
      let prev = -Infinity;
      let init = { m: initialM(M.map((x) => x.length)), u: U.map((x) => x.slice()), lambda: 0.5 };
      for (let it = 0; it < 5; it++) {
        const r = expectationMaximisation(t.gammas, t.counts, t.size, M.map((x) => x.length), init, { maxIterations: 1, smoothing: 0 });
        expect(r.logLikelihood).toBeGreaterThanOrEqual(prev - 1e-6);
        prev = r.logLikelihood;
        for (const rows of [r.m, r.u]) for (const row of rows) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
        init = { m: r.m, u: r.u, lambda: r.lambda };
      }
    }), { numRuns: 20 });
  });
  it('population prior: the fixed point recovers the share of matches over all pairs', () => {
    // 500 matches among 10,000 candidate pairs drawn from a population of 1,000,000 pairs.
    const t = simulate(10_000, M, U, 0.05, 0, 3);
    const lambda = populationPrior(t, M, U, 1_000_000);
    // Candidates hold ≈ 500 matches; the non-candidate pairs are non-matches → λ ≈ 500 / 1e6.
    expect(lambda).toBeGreaterThan(3e-4);
    expect(lambda).toBeLessThan(7e-4);
  });
});
