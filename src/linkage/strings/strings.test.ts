import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { damerau, editDistance, jaro, jaroWinkler, levenshtein, levenshteinSimilarity, phoneticKey } from './index';
import { tokenKey } from '../names';

function refLevenshtein(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) {
    d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
  }
  return d[a.length][b.length];
}

describe('Jaro–Winkler', () => {
  it('matches published values (Winkler 1990 examples)', () => {
    expect(jaro('CRATE', 'TRACE')).toBeCloseTo(0.7333, 3);
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 3);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.8133, 3);
    expect(jaroWinkler('', '')).toBe(1);
    expect(jaroWinkler('abc', '')).toBe(0);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });
  it('property: symmetric, in [0,1], 1 iff equal', () => {
    fc.assert(fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
      const s = jaroWinkler(a, b);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1 + 1e-12);
      expect(Math.abs(jaro(a, b) - jaro(b, a))).toBeLessThan(1e-12);
      if (a === b) expect(s).toBe(1);
    }));
  });
});

describe('edit distances', () => {
  it('known values', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(damerau('ca', 'ac')).toBe(1);
    expect(levenshtein('ca', 'ac')).toBe(2);
    expect(damerau('ca', 'abc')).toBe(3); // OSA, not unrestricted Damerau (2)
    expect(levenshteinSimilarity('abcd', 'abce')).toBe(0.75);
  });
  it('property: Damerau (OSA) equals a reference DP; Levenshtein is a metric bound', () => {
    const s = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 });
    fc.assert(fc.property(s, s, (a, b) => {
      expect(damerau(a, b)).toBe(refLevenshtein(a, b));
      expect(levenshtein(a, b)).toBe(levenshtein(b, a));
      expect(damerau(a, b)).toBeLessThanOrEqual(levenshtein(a, b));
    }));
  });
  it('property: the capped variant agrees below the cap', () => {
    const s = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 8 });
    fc.assert(fc.property(s, s, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
      const full = damerau(a, b);
      const capped = editDistance(a, b, true, max);
      if (full <= max) expect(capped).toBe(full); else expect(capped).toBe(max + 1);
    }));
  });
});

describe('phonetic key', () => {
  it('folds voicing and renderings', () => {
    expect(phoneticKey('kuznetsov')).toBe(phoneticKey('kusnetsov'));
    expect(phoneticKey(tokenKey('Schukow'))).toBe(phoneticKey(tokenKey('Жуков')));
    expect(phoneticKey(tokenKey('Kusnezow'))).toBe(phoneticKey(tokenKey('Кузнецов')));
    expect(phoneticKey('kovalenko')).toBe('KFLNK');
    expect(phoneticKey('kovalenko')).not.toBe(phoneticKey('melnyk'));
    expect(phoneticKey('kovalenko', 3)).toBe('KFL');
  });
});
