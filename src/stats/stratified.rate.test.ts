import { describe, expect, it } from 'vitest';
import { stratifiedRates } from './stratified.rate';

describe('stratifiedRates', () => {
  it('gives one rate per stratum and the pooled total, all with the denominator description', () => {
    const r = stratifiedRates({
      denominator: 'detainees interviewed after release',
      strata: [
        { stratum: 'facility A', numerator: 81, denominatorCount: 263 },
        { stratum: 'facility B', numerator: 0, denominatorCount: 12 },
        { stratum: 'facility C', numerator: 7, denominatorCount: 7 },
      ],
    });
    expect(r.strata.map((s) => s.stratum)).toEqual(['facility A', 'facility B', 'facility C']);
    expect(r.strata[0].clopperPearson.lower).toBeCloseTo(0.25273674558527126, 12);
    expect(r.strata[1].clopperPearson.lower).toBe(0);
    expect(r.strata[2].clopperPearson.upper).toBe(1);
    expect(r.total.numerator).toBe(88);
    expect(r.total.denominatorCount).toBe(282);
    expect(r.total.proportion).toBeCloseTo(88 / 282, 15);
    for (const s of [...r.strata, r.total]) expect(s.denominator).toBe('detainees interviewed after release');
  });

  it('names the stratum in errors and refuses duplicates', () => {
    expect(() =>
      stratifiedRates({ denominator: 'x', strata: [{ stratum: 'north', numerator: 5, denominatorCount: 2 }] }),
    ).toThrow(/stratum "north"/);
    expect(() =>
      stratifiedRates({
        denominator: 'x',
        strata: [
          { stratum: 'a', numerator: 1, denominatorCount: 2 },
          { stratum: 'a', numerator: 1, denominatorCount: 2 },
        ],
      }),
    ).toThrow(/twice/);
    expect(() => stratifiedRates({ denominator: 'x', strata: [] })).toThrow(/at least one/);
  });

  it('honours the confidence level', () => {
    const r = stratifiedRates({ denominator: 'x', level: 0.9, strata: [{ stratum: 'a', numerator: 5, denominatorCount: 20 }] });
    expect(r.level).toBe(0.9);
    expect(r.strata[0].level).toBe(0.9);
    expect(r.strata[0].clopperPearson.upper - r.strata[0].clopperPearson.lower).toBeLessThan(0.49104587170795744 - 0.08657146910143461);
  });
});
