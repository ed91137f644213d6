import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planAssignment } from './assign';

const ranks = (...ids: string[]) => new Map(ids.map((id, i) => [id, i]));

describe('planAssignment', () => {
  it('keeps the oldest person of a merged cluster and removes the others', () => {
    const plan = planAssignment({ personOf: ['B', 'A', 'C'], clusterOf: [0, 0, 0], personRank: ranks('A', 'B', 'C') });
    expect(plan.keep).toEqual(['A']);
    expect(plan.moved).toEqual([0, 2]);
    expect([...plan.removed.keys()].sort()).toEqual(['B', 'C']);
    expect(plan.merges).toEqual([{ cluster: 0, into: 'A', from: ['B', 'C'], records: [0, 2] }]);
    expect(plan.splits).toEqual([]);
  });

  it('gives a person to the cluster holding most of its records; the rest gets a new person', () => {
    const plan = planAssignment({ personOf: ['A', 'A', 'A'], clusterOf: [0, 1, 1], personRank: ranks('A') });
    expect(plan.keep).toEqual([null, 'A']);
    expect(plan.moved).toEqual([0]);
    expect(plan.splits).toEqual([{ person: 'A', clusters: [1, 0] }]);
    expect(plan.removed.size).toBe(0);
  });

  it('breaks a tie by the earliest record, and a pin overrides the majority', () => {
    expect(planAssignment({ personOf: ['A', 'A'], clusterOf: [1, 0], personRank: ranks('A') }).keep).toEqual([null, 'A']);
    const pinned = planAssignment({ personOf: ['A', 'A', 'A'], clusterOf: [0, 1, 1], personRank: ranks('A'), pins: new Map([[0, 'A']]) });
    expect(pinned.keep).toEqual(['A', null]);
    expect(pinned.moved).toEqual([1, 2]);
  });

  it('changes nothing when clusters are the persons (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 60 }), (labels) => {
      const personOf = labels.map((l) => `P${l}`);
      const ids = [...new Set(labels)];
      const clusterOf = labels.map((l) => ids.indexOf(l));
      const plan = planAssignment({ personOf, clusterOf, personRank: ranks(...ids.map((l) => `P${l}`)) });
      expect(plan.moved).toEqual([]);
      expect(plan.removed.size).toBe(0);
    }));
  });

  it('gives every cluster one person, never the same person twice, and removes only persons kept nowhere (property)', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 80 }), (pairs) => {
      const personOf = pairs.map(([p]) => `P${p}`);
      const used = [...new Set(pairs.map(([, c]) => c))].sort((a, b) => a - b);
      const clusterOf = pairs.map(([, c]) => used.indexOf(c));
      const plan = planAssignment({ personOf, clusterOf, personRank: ranks('P0', 'P1', 'P2', 'P3', 'P4', 'P5') });
      const kept = plan.keep.filter((k): k is string => k !== null);
      expect(new Set(kept).size).toBe(kept.length);
      for (const p of new Set(personOf)) expect(kept.includes(p) !== plan.removed.has(p)).toBe(true);
      // A record moves exactly when its cluster keeps someone else.
      personOf.forEach((p, i) => expect(plan.moved.includes(i)).toBe(plan.keep[clusterOf[i]] !== p));
    }));
  });
});
