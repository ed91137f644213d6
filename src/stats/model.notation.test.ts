import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatModel, generators, parseModel, termDigits } from './model.notation';
import { candidateModels, hierarchicalModels } from './model.enumerate';

describe('bracket notation', () => {
  it('parses and formats Rcapture style models', () => {
    const m = parseModel('[12,3,4]', 4);
    expect(m.terms.map(termDigits)).toEqual(['12']);
    expect(formatModel(m)).toBe('[12,3,4]');
    expect(formatModel(parseModel('[12]', 4))).toBe('[12,3,4]');
    expect(formatModel(parseModel('[ 34 , 13, 24 ]', 4))).toBe('[13,24,34]');
    expect(formatModel(parseModel('[1,2,3,4]', 4))).toBe('[1,2,3,4]');
    const three = parseModel('[123,4]', 4);
    expect(three.terms.map(termDigits)).toEqual(['12', '13', '23', '123']);
    expect(formatModel(three)).toBe('[123,4]');
    expect(formatModel(parseModel('[12,13,23,24,34]', 4))).toBe('[12,13,23,24,34]');
    expect(formatModel(parseModel('[12,123]', 3))).toBe('[123]');
  });

  it('rejects malformed models with a reason', () => {
    expect(() => parseModel('12,3', 4)).toThrow(/brackets/);
    expect(() => parseModel('[15]', 4)).toThrow(/list 5 does not exist/);
    expect(() => parseModel('[11]', 4)).toThrow(/repeated/);
    expect(() => parseModel('[1a]', 4)).toThrow(/digits/);
    expect(() => parseModel('[]', 4)).toThrow();
  });

  it('format ∘ parse is the identity on every enumerated model', () => {
    for (const k of [2, 3, 4]) {
      for (const m of hierarchicalModels(k)) expect(parseModel(formatModel(m), k)).toEqual(m);
    }
  });

  it('property: any set of generators gives a hierarchical model that round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.array(fc.integer({ min: 1, max: 63 }), { maxLength: 6 }), (k, raw) => {
        const gens = raw.map((g) => g & ((1 << k) - 1)).filter((g) => g > 0);
        const text = `[${gens.length ? gens.map(termDigits).join(',') : '1'}]`;
        const model = parseModel(text, k);
        for (const t of model.terms) for (const u of model.terms) if ((t & u) === u) expect(model.terms).toContain(u);
        expect(parseModel(formatModel(model), k)).toEqual(model);
        expect(generators(model).reduce((a, g) => a | g, 0)).toBe((1 << k) - 1);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('model enumeration', () => {
  it('counts every hierarchical model: 8 for 3 lists, 113 for 4', () => {
    expect(hierarchicalModels(2)).toHaveLength(1);
    expect(hierarchicalModels(3)).toHaveLength(8);
    expect(hierarchicalModels(4)).toHaveLength(113);
    const names = hierarchicalModels(4).map(formatModel);
    expect(new Set(names).size).toBe(113);
    expect(names).toContain('[12,3,4]');
    expect(names).toContain('[123,124,134,234]');
    expect(names).not.toContain('[1234]');
    expect(hierarchicalModels(3).map(formatModel).sort()).toEqual(
      ['[1,2,3]', '[12,3]', '[13,2]', '[1,23]', '[12,13]', '[12,23]', '[13,23]', '[12,13,23]'].sort(),
    );
  });

  it('uses independence, single two-way additions and all two-way for 5 and 6 lists', () => {
    expect(candidateModels(5)).toHaveLength(1 + 10 + 1);
    expect(candidateModels(6)).toHaveLength(1 + 15 + 1);
    expect(formatModel(candidateModels(5)[0])).toBe('[1,2,3,4,5]');
    expect(formatModel(candidateModels(5)[1])).toBe('[12,3,4,5]');
    expect(candidateModels(6).at(-1)!.terms).toHaveLength(15);
  });
});
