import { describe, expect, it } from 'vitest';
import { clusterPairs, type ClusterInput } from './cluster';

function input(n: number, edges: [number, number, number][], extra: Partial<ClusterInput> = {}): ClusterInput {
  return {
    n, a: Int32Array.from(edges, (e) => e[0]), b: Int32Array.from(edges, (e) => e[1]), weight: Float32Array.from(edges, (e) => e[2]), count: edges.length,
    threshold: 2, conflictWeight: -5, mustLinks: [], cannotLinks: [], ...extra,
  };
}
const same = (c: Int32Array, x: number, y: number) => c[x] === c[y];

describe('clustering', () => {
  it('connected components over pairs at or above the threshold', () => {
    const { clusterOf, stats } = clusterPairs(input(5, [[0, 1, 10], [1, 2, 3], [3, 4, 1]]));
    expect(same(clusterOf, 0, 2)).toBe(true);
    expect(same(clusterOf, 3, 4)).toBe(false);
    expect(stats).toMatchObject({ clusters: 3, singletons: 2, largest: 3 });
  });
  it('a cannot-link keeps records apart even through a chain; the stronger link wins', () => {
    const { clusterOf, stats } = clusterPairs(input(3, [[0, 1, 10], [1, 2, 8]], { cannotLinks: [[0, 2]] }));
    expect(same(clusterOf, 0, 1)).toBe(true);
    expect(same(clusterOf, 1, 2)).toBe(false);
    expect(stats.blockedByCannotLink).toBe(1);
  });
  it('a must-link joins records the model scored low; conflicting must-links are not applied', () => {
    const { clusterOf } = clusterPairs(input(3, [[0, 1, -20]], { mustLinks: [[0, 1]] }));
    expect(same(clusterOf, 0, 1)).toBe(true);
    const r = clusterPairs(input(2, [], { mustLinks: [[0, 1]], cannotLinks: [[0, 1]] }));
    expect(same(r.clusterOf, 0, 1)).toBe(false);
    expect(r.stats.decisionConflicts).toBe(1);
  });
  it('anti-chaining: a chain whose ends strongly disagree is split with a stricter threshold', () => {
    // 0–1 and 2–3 strong; 1–2 just above the threshold; 0–3, 0–2, 1–3 compared and strongly negative.
    // (separateConflicts would not let the chain form at all.)
    const { clusterOf, stats } = clusterPairs(input(4, [[0, 1, 12], [2, 3, 12], [1, 2, 2.5], [0, 3, -20], [0, 2, -20], [1, 3, -20]], { guard: { separateConflicts: false } }));
    expect(same(clusterOf, 0, 1)).toBe(true);
    expect(same(clusterOf, 2, 3)).toBe(true);
    expect(same(clusterOf, 1, 2)).toBe(false);
    expect(stats.componentsSplit).toBe(1);
  });
  it('separateConflicts: clusters whose records conflict do not merge through a third record', () => {
    // 0–1 and 1–2 strong, but 0–2 was compared and scored below the conflict weight (different birth dates, say).
    const edges: [number, number, number][] = [[0, 1, 10], [1, 2, 8], [0, 2, -9]];
    const { clusterOf, stats } = clusterPairs(input(3, edges));
    expect(same(clusterOf, 0, 1)).toBe(true);
    expect(same(clusterOf, 1, 2)).toBe(false);
    expect(stats.blockedByConflict).toBe(1);
    // Without the guard they chain; a conflict above the conflict weight does not block; reviewer must-links still apply.
    expect(same(clusterPairs(input(3, edges, { guard: { separateConflicts: false, maxConflictShare: 1 } })).clusterOf, 0, 2)).toBe(true);
    expect(same(clusterPairs(input(3, [[0, 1, 10], [1, 2, 8], [0, 2, -4]], { guard: { maxConflictShare: 1 } })).clusterOf, 0, 2)).toBe(true);
    expect(same(clusterPairs(input(3, edges, { mustLinks: [[0, 2]] })).clusterOf, 0, 2)).toBe(true);
  });
  it('separateConflicts checks every record pair across the two clusters', () => {
    // {0,1} and {2,3} formed first; 1–2 would join them, but 0–3 conflict.
    const { clusterOf } = clusterPairs(input(4, [[0, 1, 12], [2, 3, 11], [1, 2, 3], [0, 3, -9]]));
    expect(same(clusterOf, 0, 1) && same(clusterOf, 2, 3)).toBe(true);
    expect(same(clusterOf, 1, 2)).toBe(false);
  });
  it('at most N records per source in a cluster', () => {
    const { clusterOf, stats } = clusterPairs(input(3, [[0, 1, 10], [0, 2, 9]], { sourceOf: Int32Array.of(0, 1, 1), maxPerSource: 1 }));
    expect(same(clusterOf, 0, 1)).toBe(true);
    expect(same(clusterOf, 0, 2)).toBe(false);
    expect(stats.blockedBySourceGuard).toBe(1);
  });
  it('keeps initial clusters together (incremental)', () => {
    const { clusterOf } = clusterPairs(input(4, [[2, 3, 10]], { initial: Int32Array.of(0, 0, -1, -1) }));
    expect(same(clusterOf, 0, 1)).toBe(true);
    expect(same(clusterOf, 2, 3)).toBe(true);
    expect(same(clusterOf, 0, 2)).toBe(false);
  });
});
