/**
 * Seeded simulation: people captured independently by 3 lists from a known N = 500 with
 * capture probabilities drawn in [0.2, 0.5]. The independence model is then correct, so its
 * 95% profile-likelihood interval should cover N about 95% of the time.
 */
import { describe, expect, it } from 'vitest';
import { fitLoglinear } from './loglinear.fit';
import { independenceModel } from './model.notation';
import { profileInterval } from './profile.interval';
import { chaoLogInterval } from './chao.estimate';
import type { CountsTable } from './mse.types';
import { mulberry32 } from '../domain';

function simulate(random: () => number, N: number, probs: number[]): CountsTable {
  const k = probs.length;
  const counts = new Array<number>(1 << k).fill(0);
  for (let person = 0; person < N; person++) {
    let mask = 0;
    probs.forEach((p, i) => {
      if (random() < p) mask |= 1 << i;
    });
    counts[mask]++;
  }
  const rows = [];
  for (let mask = 1; mask < 1 << k; mask++) rows.push({ pattern: probs.map((_, i) => (mask >> i) & 1), count: counts[mask] });
  return { lists: probs.map((_, i) => `L${i + 1}`), rows };
}

describe('coverage of the independence model interval', () => {
  it('covers the true N = 500 in 90–99% of 400 seeded replications (profile and Chao)', () => {
    const random = mulberry32(20250101);
    const N = 500;
    const replications = 400;
    let profileCovered = 0;
    let chaoCovered = 0;
    let flagged = 0;
    for (let r = 0; r < replications; r++) {
      const probs = [0, 1, 2].map(() => 0.2 + 0.3 * random());
      const fit = fitLoglinear(simulate(random, N, probs), independenceModel(3));
      if (fit.flagged || fit.N === null || fit.se === null) {
        flagged++;
        continue;
      }
      const ci = profileInterval(fit);
      if (ci.lower <= N && ci.upper !== null && N <= ci.upper) profileCovered++;
      const [lo, hi] = chaoLogInterval(fit.n, fit.N, fit.se);
      if (lo <= N && N <= hi) chaoCovered++;
    }
    expect(flagged).toBe(0);
    const coverage = profileCovered / replications;
    expect(coverage).toBeGreaterThanOrEqual(0.9);
    expect(coverage).toBeLessThanOrEqual(0.99);
    expect(chaoCovered / replications).toBeGreaterThanOrEqual(0.9);
    expect(chaoCovered / replications).toBeLessThanOrEqual(0.99);
  });
});
