import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCountsCsv } from './counts.parse';
import { fitLoglinear } from './loglinear.fit';
import { parseModel } from './model.notation';
import { profileInterval } from './profile.interval';
import type { CountsTable } from './mse.types';

const table = (name: string): CountsTable =>
  parseCountsCsv(readFileSync(new URL(`../../test/fixtures/mse/${name}.csv`, import.meta.url), 'utf8'));
const round = (x: number | null, digits: number): number => Number((x as number).toFixed(digits));

describe('HIV Rome (Rcapture closedpCI.t, Baillargeon & Rivest 2007)', () => {
  const hiv = table('hiv_rome');

  it('all six two-way interactions: N, s.e., deviance, df, AIC and profile interval to the printed digits', () => {
    const fit = fitLoglinear(hiv, parseModel('[12,13,14,23,24,34]', 4));
    expect(fit.flagged).toBe(false);
    expect(fit.n).toBe(1896);
    expect(round(fit.N, 1)).toBe(23443.5);
    expect(round(fit.se, 1)).toBe(9594.9);
    expect(round(fit.deviance, 3)).toBe(3.037);
    expect(fit.df).toBe(4);
    expect(round(fit.aic, 3)).toBe(92.073);
    expect(fit.bic).toBeCloseTo(fit.aic + (Math.log(1896) - 2) * 11, 10);
    const ci = profileInterval(fit);
    expect(round(ci.mode, 1)).toBe(23269.8);
    expect(round(ci.lower, 1)).toBe(10027.6);
    expect(round(ci.upper, 1)).toBe(50046.3);
  });

  it('independence + c1:c2: N, s.e., deviance, df, AIC and profile interval to the printed digits', () => {
    const fit = fitLoglinear(hiv, parseModel('[12,3,4]', 4));
    expect(round(fit.N, 1)).toBe(12318.5);
    expect(round(fit.se, 1)).toBe(1188.7);
    expect(round(fit.deviance, 3)).toBe(7.614);
    expect(fit.df).toBe(9);
    expect(round(fit.aic, 2)).toBe(86.65);
    const ci = profileInterval(fit);
    expect(Math.round(ci.mode)).toBe(12308);
    expect(Math.round(ci.lower)).toBe(10266);
    expect(round(ci.upper, 1)).toBe(14992.3);
  });
});

describe('Diabetes, Casale Monferrato (Rivest 2011, as tested in Rcapture)', () => {
  const diabetes = table('diabetes_italy');

  it('all two-way interactions except c1:c4 (Bruno et al. 1994)', () => {
    const fit = fitLoglinear(diabetes, parseModel('[12,13,23,24,34]', 4));
    expect(Math.round(fit.N!)).toBe(2771);
    expect(Math.round(fit.se!)).toBe(145);
    expect(round(fit.deviance, 2)).toBe(7.62);
    expect(fit.df).toBe(5);
  });

  it('I = independence + c1:c3 + c2:c4 + c3:c4', () => {
    const fit = fitLoglinear(diabetes, parseModel('[13,24,34]', 4));
    expect(Math.round(fit.N!)).toBe(2472);
    expect(Math.round(fit.se!)).toBe(53);
    expect(round(fit.deviance, 2)).toBe(21.97);
    expect(fit.df).toBe(7);
  });

  it.each([
    ['LB', 2588, 75, 3.13],
    ['poisson2', 2573, 76, 12.88],
    ['darroch', 2752, 133, 8.32],
  ] as const)('I + %s heterogeneity', (heterogeneity, N, se, deviance) => {
    const fit = fitLoglinear(diabetes, parseModel('[13,24,34]', 4), { heterogeneity });
    expect(fit.flagged).toBe(false);
    expect(Math.round(fit.N!)).toBe(N);
    expect(Math.round(fit.se!)).toBe(se);
    expect(round(fit.deviance, 2)).toBe(deviance);
    expect(fit.df).toBe(6);
  });

  it('LB drops the negative eta column as Rcapture does', () => {
    const fit = fitLoglinear(diabetes, parseModel('[13,24,34]', 4), { heterogeneity: 'LB' });
    expect(fit.design.heterogeneityColumns).toHaveLength(1);
    expect(fit.coefficients.filter((c) => c.name.startsWith('eta')).every((c) => c.estimate >= 0)).toBe(true);
  });
});

describe('Rcapture test values for Darroch et al. (1993) R3 data and Cormack et al. (2000)', () => {
  // histpos.t order: 111, 110, 101, 100, 011, 010, 001
  const fromHistpos = (k: number, counts: number[]): CountsTable => {
    const rows = counts.map((count, i) => {
      const mask = (1 << k) - 1 - i;
      return { pattern: Array.from({ length: k }, (_, j) => (mask >> (k - 1 - j)) & 1), count };
    });
    return { lists: Array.from({ length: k }, (_, j) => `c${j + 1}`), rows };
  };

  it('R3: [12,23] N 850 s.e. 186 deviance 3.8 df 1; LB with c1:c2 681/78/3.45', () => {
    const r3 = fromHistpos(3, [72, 155, 7, 71, 13, 53, 43]);
    const fit = fitLoglinear(r3, parseModel('[12,23]', 3));
    expect(Math.round(fit.N!)).toBe(850);
    expect(Math.round(fit.se!)).toBe(186);
    expect(round(fit.deviance, 1)).toBe(3.8);
    expect(fit.df).toBe(1);
    const lb = fitLoglinear(r3, parseModel('[12,3]', 3), { heterogeneity: 'LB' });
    expect(Math.round(lb.N!)).toBe(681);
    expect(Math.round(lb.se!)).toBe(78);
    expect(round(lb.deviance, 2)).toBe(3.45);
    expect(lb.df).toBe(1);
    const dar = fitLoglinear(r3, parseModel('[12,3]', 3), { heterogeneity: 'darroch' });
    expect(round(dar.N, 1)).toBe(1181.8);
    expect(round(dar.se, 1)).toBe(404.2);
  });

  it('Cormack 4 lists: Mt 215 (87.1, 10 df); [1,2,34] 215 (9 df); all two-way diverges and is flagged', () => {
    const cormack = fromHistpos(4, [72, 5, 29, 53, 24, 3, 12, 14, 0, 0, 0, 1, 0, 0, 2]);
    const mt = fitLoglinear(cormack, parseModel('[1,2,3,4]', 4));
    expect(Math.round(mt.N!)).toBe(215);
    expect(round(mt.deviance, 1)).toBe(87.1);
    expect(mt.df).toBe(10);
    expect(Math.round(fitLoglinear(cormack, parseModel('[1,2,34]', 4)).N!)).toBe(215);
    // Rcapture prints N > 1,000,000 here; the intercept has no finite maximum
    const all = fitLoglinear(cormack, parseModel('[12,13,14,23,24,34]', 4));
    expect(all.flagged).toBe(true);
    expect(all.N).toBeNull();
    expect(all.se).toBeNull();
    expect(all.warnings.join(' ')).toMatch(/grows without bound/);
    // [13,2,34]: cells with c1 = 0 and c3 = 1 are all empty, so c3 and c1:c3 run off to infinity
    const boundary = fitLoglinear(cormack, parseModel('[13,2,34]', 4));
    expect(boundary.flagged).toBe(true);
    expect(boundary.N).toBeNull();
    expect(boundary.warnings[0]).toMatch(/Empty cell\(s\) 0010, 0110, 0011, 0111/);
    expect(round(boundary.deviance, 1)).toBe(7.7); // the deviance Rcapture prints
  });
});

describe('refusing to mislead', () => {
  it('flags a saturated 3-list model whose intercept diverges because a pairwise cell is empty', () => {
    // mu0 = y111 y100 y010 y001 / (y110 y101 y011): y110 = 0 sends it to infinity
    const t: CountsTable = {
      lists: ['a', 'b', 'c'],
      rows: [
        { pattern: [1, 1, 1], count: 5 },
        { pattern: [1, 1, 0], count: 0 },
        { pattern: [1, 0, 1], count: 12 },
        { pattern: [0, 1, 1], count: 7 },
        { pattern: [1, 0, 0], count: 30 },
        { pattern: [0, 1, 0], count: 25 },
        { pattern: [0, 0, 1], count: 40 },
      ],
    };
    const fit = fitLoglinear(t, parseModel('[12,13,23]', 3));
    expect(fit.flagged).toBe(true);
    expect(fit.N).toBeNull();
    expect(fit.mu0).toBeNull();
    expect(fit.warnings.join(' ')).toMatch(/grows without bound/);
    expect(fit.warnings.join(' ')).toMatch(/Empty cell\(s\) 110/);
    expect(() => profileInterval(fit)).toThrow(/flagged/);
    // the same table is fine under independence
    const ind = fitLoglinear(t, parseModel('[1,2,3]', 3));
    expect(ind.flagged).toBe(false);
    expect(ind.N).toBeGreaterThan(119);
  });

  it('flags HIV models whose three-way term meets the empty cells 1011 and 1111', () => {
    const hiv = table('hiv_rome');
    const fit = fitLoglinear(hiv, parseModel('[134,2]', 4));
    expect(fit.flagged).toBe(true);
    expect(fit.N).toBeNull();
    expect(fit.warnings[0]).toMatch(/1011, 1111/);
  });

  it('flags a rank-deficient model (the 4-way term cannot be identified from 15 cells)', () => {
    const fit = fitLoglinear(table('diabetes_italy'), parseModel('[1234]', 4));
    expect(fit.flagged).toBe(true);
    expect(fit.N).toBeNull();
    expect(fit.warnings[0]).toMatch(/Rank deficiency/);
  });
});
