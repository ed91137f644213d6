import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clopperPearsonInterval, proportionRate, wilsonInterval } from './proportion.rate';
import { inverseRegularizedBeta, regularizedBeta } from './beta.math';
import { normalQuantile } from './normal.math';
import { logGamma } from './gamma.math';

// Reference values from scipy.stats (beta.ppf / norm.ppf), 1.17.1
describe('special functions', () => {
  it('normal quantile matches known values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 10);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.6448536269514729, 14);
  });
  it('log-gamma matches factorials', () => {
    expect(logGamma(1)).toBe(0);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(710)).toBeCloseTo(3948.9745521441773, 9); // Python math.lgamma
    expect(logGamma(100.5)).toBeCloseTo(361.4355404677776, 10);
  });
  // a, b ≥ 1 as in Clopper–Pearson; for a or b < 1 the inverse is ill-conditioned near 0 or 1 in double precision
  it('inverse incomplete beta inverts the incomplete beta', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 500, noNaN: true }),
        fc.double({ min: 1, max: 500, noNaN: true }),
        fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }),
        (a, b, p) => {
          const x = inverseRegularizedBeta(p, a, b);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(1);
          expect(regularizedBeta(x, a, b)).toBeCloseTo(p, 9);
        },
      ),
      { seed: 20240611, numRuns: 300 },
    );
  });
});

describe('proportionRate', () => {
  it('81/263 matches Wilson and Clopper–Pearson reference values', () => {
    const r = proportionRate({ numerator: 81, denominatorCount: 263, denominator: 'people with a known outcome' });
    expect(r.numerator).toBe(81);
    expect(r.denominatorCount).toBe(263);
    expect(r.denominator).toBe('people with a known outcome');
    expect(r.proportion).toBeCloseTo(81 / 263, 15);
    expect(r.level).toBe(0.95);
    expect(r.wilson.lower).toBeCloseTo(0.2552885198782742, 12);
    expect(r.wilson.upper).toBeCloseTo(0.36620957698280004, 12);
    expect(r.clopperPearson.lower).toBeCloseTo(0.25273674558527126, 12);
    expect(r.clopperPearson.upper).toBeCloseTo(0.36762192260135135, 12);
  });

  it('edge cases 0/n and n/n are exact', () => {
    const zero = proportionRate({ numerator: 0, denominatorCount: 10, denominator: 'x' });
    expect(zero.clopperPearson).toEqual({ lower: 0, upper: expect.closeTo(0.3084971078187607, 12) });
    expect(zero.clopperPearson.upper).toBeCloseTo(1 - 0.025 ** (1 / 10), 12);
    expect(zero.wilson.lower).toBe(0);
    expect(zero.wilson.upper).toBeCloseTo(0.2775327998628892, 12);
    const all = proportionRate({ numerator: 10, denominatorCount: 10, denominator: 'x' });
    expect(all.clopperPearson.lower).toBeCloseTo(0.025 ** (1 / 10), 12);
    expect(all.clopperPearson.upper).toBe(1);
    expect(all.wilson.upper).toBe(1);
    expect(all.wilson.lower).toBeCloseTo(0.7224672001371107, 12);
    const one = clopperPearsonInterval(1, 1);
    expect(one.lower).toBeCloseTo(0.025, 12);
    expect(one.upper).toBe(1);
    expect(clopperPearsonInterval(0, 1).upper).toBeCloseTo(0.975, 12);
  });

  it('other levels: 5/20 at 90%', () => {
    // scipy: beta.ppf(0.05, 5, 16), beta.ppf(0.95, 6, 15)
    const r = clopperPearsonInterval(5, 20, 0.9);
    expect(regularizedBeta(r.lower, 5, 16)).toBeCloseTo(0.05, 12);
    expect(regularizedBeta(r.upper, 6, 15)).toBeCloseTo(0.95, 12);
    expect(clopperPearsonInterval(5, 20).lower).toBeCloseTo(0.08657146910143461, 12);
    expect(wilsonInterval(5, 20).upper).toBeCloseTo(0.468700877618744, 12);
  });

  it('an empty denominator gives no proportion and the uninformative interval', () => {
    const r = proportionRate({ numerator: 0, denominatorCount: 0, denominator: 'x' });
    expect(r.proportion).toBeNull();
    expect(r.wilson).toEqual({ lower: 0, upper: 1 });
  });

  it('rejects bad input with clear messages', () => {
    expect(() => proportionRate({ numerator: 5, denominatorCount: 3, denominator: 'x' })).toThrow(/cannot exceed/);
    expect(() => proportionRate({ numerator: 1.5, denominatorCount: 3, denominator: 'x' })).toThrow(/integer/);
    expect(() => proportionRate({ numerator: 1, denominatorCount: 3, denominator: ' ' })).toThrow(/denominator/);
    expect(() => proportionRate({ numerator: 1, denominatorCount: 3, denominator: 'x', level: 1.2 })).toThrow(/level/);
  });

  it('property: both intervals contain the estimate and are nested in [0, 1]; CP is at least as wide in coverage terms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, u) => {
        const x = Math.min(n, Math.floor(u * (n + 1)));
        const r = proportionRate({ numerator: x, denominatorCount: n, denominator: 'x' });
        const p = x / n;
        for (const i of [r.wilson, r.clopperPearson]) {
          expect(i.lower).toBeGreaterThanOrEqual(0);
          expect(i.upper).toBeLessThanOrEqual(1);
          expect(i.lower).toBeLessThanOrEqual(p + 1e-12);
          expect(i.upper).toBeGreaterThanOrEqual(p - 1e-12);
        }
        // the exact interval's tails are α/2 each
        if (x > 0) expect(regularizedBeta(r.clopperPearson.lower, x, n - x + 1)).toBeCloseTo(0.025, 8);
        if (x < n) expect(regularizedBeta(r.clopperPearson.upper, x + 1, n - x)).toBeCloseTo(0.975, 8);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
