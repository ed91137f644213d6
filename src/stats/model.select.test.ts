import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCountsCsv } from './counts.parse';
import { fitLoglinear } from './loglinear.fit';
import { hierarchicalModels } from './model.enumerate';
import { averageModels, rankModels, selectModel } from './model.select';
import { chaoLogInterval, chaoLowerBound } from './chao.estimate';
import type { CountsTable } from './mse.types';

const table = (name: string): CountsTable =>
  parseCountsCsv(readFileSync(new URL(`../../test/fixtures/mse/${name}.csv`, import.meta.url), 'utf8'));

describe('model selection and averaging', () => {
  const sb = table('spina_bifida');
  const fits = hierarchicalModels(3).map((m) => fitLoglinear(sb, m));

  it('selects by BIC and AIC', () => {
    expect(selectModel(fits, 'bic')!.model).toBe('[1,23]');
    expect(selectModel(fits, 'aic')!.model).toBe('[12,23]');
    const ranked = rankModels(fits, 'bic');
    for (let i = 1; i < ranked.length; i++) expect(ranked[i].bic).toBeGreaterThanOrEqual(ranked[i - 1].bic);
  });

  it('averages with weights that sum to one and favour the best model', () => {
    for (const criterion of ['aic', 'bic'] as const) {
      const avg = averageModels(fits, criterion)!;
      expect(avg.weights.reduce((s, w) => s + w.weight, 0)).toBeCloseTo(1, 12);
      expect(avg.weights[0].model).toBe(selectModel(fits, criterion)!.model);
      expect(Math.max(...avg.weights.map((w) => w.weight))).toBe(avg.weights[0].weight);
      const Ns = avg.weights.map((w) => w.N);
      expect(avg.N).toBeGreaterThanOrEqual(Math.min(...Ns));
      expect(avg.N).toBeLessThanOrEqual(Math.max(...Ns));
      // unconditional s.e. is at least the weighted conditional one
      const conditional = fits.filter((f) => !f.flagged).reduce((s, f) => s + avg.weights.find((w) => w.model === f.model)!.weight * f.se!, 0);
      expect(avg.se).toBeGreaterThanOrEqual(conditional - 1e-9);
    }
  });

  it('ignores flagged models and returns null when nothing can be estimated', () => {
    const flagged = fits.map((f) => ({ ...f, flagged: true, N: null }));
    expect(selectModel(flagged, 'bic')).toBeNull();
    expect(averageModels(flagged, 'aic')).toBeNull();
  });
});

describe('Chao lower bound', () => {
  it('uses f1 and f2 (spina bifida: f1 = 356, f2 = 258)', () => {
    const c = chaoLowerBound(table('spina_bifida'));
    expect(c.f1).toBe(356);
    expect(c.f2).toBe(258);
    expect(c.N).toBeCloseTo(626 + (356 * 356) / (2 * 258), 10);
    const r = 356 / 258;
    expect(c.se).toBeCloseTo(Math.sqrt(258 * (r ** 4 / 4 + r ** 3 + r ** 2 / 2)), 10);
    expect(c.ci[0]).toBeGreaterThan(626);
    expect(c.ci[0]).toBeLessThan(c.N);
    expect(c.ci[1]).toBeGreaterThan(c.N);
    expect(c.warnings).toEqual([]);
  });

  it('falls back to the bias-corrected form when nobody is on exactly two lists', () => {
    const c = chaoLowerBound({ lists: ['a', 'b', 'c'], rows: [{ pattern: [1, 0, 0], count: 10 }, { pattern: [1, 1, 1], count: 3 }] });
    expect(c.N).toBe(13 + 45);
    expect(c.warnings[0]).toMatch(/bias-corrected/);
  });

  it("Chao's log-transform interval never goes below the number observed", () => {
    const [lo, hi] = chaoLogInterval(100, 110, 50);
    expect(lo).toBeGreaterThan(100);
    expect(hi).toBeGreaterThan(110);
    expect((lo - 100) * (hi - 100)).toBeCloseTo(100, 8); // symmetric on the log scale of N − n
  });
});
