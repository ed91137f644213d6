import { describe, expect, it } from 'vitest';
import { clusterFrequencies, goodTuring } from './entity-frequencies';

describe('person-level term frequencies', () => {
  it('Good–Turing lowers the counts of rare values by (k+1)·N(k+1)/N(k) and never raises them', () => {
    // N(1) = 4 values seen once, N(2) = 2 seen twice, N(3) = 1 seen three times.
    const c = goodTuring(Float64Array.of(1, 1, 1, 1, 2, 2, 3, 0, 50));
    expect(Array.from(c.slice(0, 4))).toEqual([1, 1, 1, 1]); // 2·2/4 = 1
    expect(c[4]).toBeCloseTo(1.5); // 3·1/2
    expect(c[6]).toBe(3); // N(4) = 0: kept
    expect(c[7]).toBe(0);
    expect(c[8]).toBe(50);
  });
  it('counts a value once per cluster, so a person with many records does not make their name common', () => {
    // value 0: one person with 3 records; value 1: three people with one record each.
    const valueOf = Int32Array.of(0, 0, 0, 1, 1, 1, -1);
    const clusterOf = Int32Array.of(0, 0, 0, 1, 2, 3, 4);
    const f = clusterFrequencies(valueOf, 2, clusterOf);
    expect(f.freq[1] / f.freq[0]).toBeCloseTo(3);
    expect(f.sumSq).toBeCloseTo(f.freq[0] ** 2 + f.freq[1] ** 2);
    // One cluster per record: record-level counts (before smoothing).
    const g = clusterFrequencies(valueOf, 2, Int32Array.of(0, 1, 2, 3, 4, 5, 6));
    expect(g.freq[0]).toBeCloseTo(g.freq[1]);
  });
});
