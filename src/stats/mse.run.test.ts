import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCountsCsv } from './counts.parse';
import { runMse, type MseResult } from './mse.run';
import { svgPlot } from './mse.svg';
import type { CountsTable } from './mse.types';

const table = (name: string): CountsTable =>
  parseCountsCsv(readFileSync(new URL(`../../test/fixtures/mse/${name}.csv`, import.meta.url), 'utf8'));

const CONTRACT_KEYS = ['n', 'lists', 'model', 'N', 'se', 'ci', 'deviance', 'df', 'aic', 'bic', 'models', 'warnings', 'sentence'];
const MODEL_KEYS = ['model', 'N', 'se', 'deviance', 'df', 'aic', 'bic', 'warnings'];

function expectContract(r: MseResult): void {
  const json = JSON.parse(JSON.stringify(r));
  expect(Object.keys(json).sort()).toEqual([...CONTRACT_KEYS].sort());
  expect(json.ci).toHaveLength(2);
  for (const m of json.models) expect(Object.keys(m).sort()).toEqual([...MODEL_KEYS].sort());
}

describe('runMse', () => {
  it('spina bifida: the best BIC model is [B][DM] = [1,23] with N ≈ 731 (Madigan & York 1997 report 731)', () => {
    const r = runMse({ table: table('spina_bifida'), model: 'best-bic', ci: 'profile' });
    expectContract(r);
    expect(r.model).toBe('[1,23]');
    expect(r.lists).toEqual(['B', 'D', 'M']);
    expect(r.n).toBe(626);
    expect(Math.round(r.N!)).toBe(731);
    expect(r.N!).toBeCloseTo(730.93, 2);
    expect(r.ci[0]!).toBeLessThan(r.N!);
    expect(r.ci[1]!).toBeGreaterThan(r.N!);
    expect(r.models).toHaveLength(8);
    expect(r.models[0].model).toBe('[1,23]');
    expect(r.sentence).toMatch(/^Between \d+ and \d+ people, most likely 105, were on none of the lists; so the total is between 700 and 766, most likely 731, of whom 626 were recorded/);
  });

  it('HIV: a named model reproduces Rcapture and the sentence states the interval', () => {
    const r = runMse({ table: table('hiv_rome'), model: '[12,3,4]', ci: 'profile' });
    expectContract(r);
    expect(r.model).toBe('[12,3,4]');
    expect(r.N!.toFixed(1)).toBe('12318.5');
    expect(r.se!.toFixed(1)).toBe('1188.7');
    expect(r.ci[0]!.toFixed(0)).toBe('10266');
    expect(r.ci[1]!.toFixed(1)).toBe('14992.3');
    expect(r.df).toBe(9);
    expect(r.sentence).toBe(
      'Between 8,370 and 13,096 people, most likely 10,422, were on none of the lists; so the total is between 10,266 and 14,992, most likely 12,318, of whom 1,896 were recorded (model [12,3,4], 95% interval).',
    );
    expect(r.models).toHaveLength(113);
    // the 19 models that meet the empty cells 1011 / 1111 are listed last, without a figure
    const flagged = r.models.filter((m) => m.N === null);
    expect(flagged).toHaveLength(19);
    expect(r.models.slice(-19).every((m) => m.N === null)).toBe(true);
    expect(r.warnings.some((w) => /19 of 113 candidate models could not be estimated/.test(w))).toBe(true);
  });

  it('best-aic, independence and Chao intervals', () => {
    const hiv = table('hiv_rome');
    const aic = runMse({ table: hiv, model: 'best-aic' });
    expect(aic.model).toBe('[12,3,4]');
    expect(aic.models[0].aic).toBeLessThanOrEqual(aic.models[1].aic!);
    const ind = runMse({ table: hiv, model: 'independence', ci: 'chao' });
    expect(ind.model).toBe('[1,2,3,4]');
    const unseen = ind.N! - ind.n;
    const c = Math.exp(1.959963984540054 * Math.sqrt(Math.log(1 + (ind.se! / unseen) ** 2)));
    expect(ind.ci[0]!).toBeCloseTo(ind.n + unseen / c, 6);
    expect(ind.ci[1]!).toBeCloseTo(ind.n + unseen * c, 6);
  });

  it('a requested model that diverges gives N = null, a plain warning and a sentence without a number', () => {
    const r = runMse({ table: table('hiv_rome'), model: '[134,2]' });
    expectContract(r);
    expect(r.N).toBeNull();
    expect(r.se).toBeNull();
    expect(r.ci).toEqual([null, null]);
    expect(r.warnings.some((w) => w.includes('1011, 1111'))).toBe(true);
    expect(r.sentence).toMatch(/^No estimate can be given under model \[134,2\]\./);
    expect(r.sentence).not.toMatch(/most likely/);
  });

  it('diabetes: warns in plain words about poor fit, heterogeneity and competing models', () => {
    const r = runMse({ table: table('diabetes_italy') });
    expect(r.model).toBe('[13,24,34]');
    expect(r.warnings.some((w) => w.startsWith('The model does not fit the observed overlaps well'))).toBe(true);
    expect(r.warnings.some((w) => w.startsWith('Signs of heterogeneity') && w.includes('2472 to 2588'))).toBe(true);
    expect(r.warnings.some((w) => /models fit almost equally well by BIC/.test(w))).toBe(true);
  });

  it('sparse tables are called sparse', () => {
    const t = parseCountsCsv('a,b,c,count\n1,1,1,1\n1,1,0,2\n1,0,1,0\n0,1,1,1\n1,0,0,9\n0,1,0,8\n0,0,1,6\n');
    const r = runMse({ table: t });
    expect(r.warnings.some((w) => w.startsWith('Only 27 people are recorded'))).toBe(true);
    expect(r.warnings.some((w) => w.startsWith('The table is sparse'))).toBe(true);
    expect(r.warnings.some((w) => /share only/.test(w))).toBe(true);
  });

  it('handles 5 and 6 lists with the reduced model set', () => {
    const lists = ['a', 'b', 'c', 'd', 'e'];
    const rows = [];
    for (let mask = 1; mask < 32; mask++) {
      const pattern = lists.map((_, i) => (mask >> i) & 1);
      const on = pattern.reduce((s, v) => s + v, 0);
      rows.push({ pattern, count: Math.round(400 * 0.3 ** on * 0.7 ** (5 - on)) + (mask % 3) });
    }
    const r = runMse({ table: { lists, rows } });
    expectContract(r);
    expect(r.models).toHaveLength(12);
    expect(r.N).not.toBeNull();
  });

  it('two lists: the Lincoln–Petersen estimate, and no figure when the lists do not overlap', () => {
    const two = (a: number, b: number, both: number): CountsTable => ({
      lists: ['x', 'y'],
      rows: [
        { pattern: [1, 0], count: a },
        { pattern: [0, 1], count: b },
        { pattern: [1, 1], count: both },
      ],
    });
    const r = runMse({ table: two(30, 20, 10) });
    expect(r.model).toBe('[1,2]');
    expect(r.N!).toBeCloseTo((40 * 30) / 10, 8);
    expect(r.df).toBe(0);
    const none = runMse({ table: two(30, 20, 0) });
    expectContract(none);
    expect(none.N).toBeNull();
    expect(none.sentence).toMatch(/^No estimate can be given\. None of the candidate models/);
  });

  it('rejects unknown options clearly', () => {
    expect(() => runMse({ table: table('spina_bifida'), model: '[14]' })).toThrow(/list 4 does not exist/);
    expect(() => runMse({ table: table('spina_bifida'), ci: 'wald' as never })).toThrow(/ci must be/);
  });

  it('svgPlot draws a self-contained chart of the top models', () => {
    const r = runMse({ table: table('hiv_rome'), model: '[134,2]' });
    const svg = svgPlot(r, { top: 25 });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).not.toMatch(/<script|href=|url\(/);
    expect(svg).toContain('[134,2] (chosen)');
    expect(svg).toContain('no estimate (flagged)');
    const best = svgPlot(runMse({ table: table('spina_bifida') }));
    expect((best.match(/<circle /g) ?? []).length).toBe(8);
    expect(best).toContain('[1,23] (chosen)');
    expect(svgPlot(r, { title: 'a < b & "c"' })).toContain('a &lt; b &amp; &quot;c&quot;');
  });
});
