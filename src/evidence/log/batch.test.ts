// Batch appends from the frontier equal leaf-by-leaf appends (MemoryHashStore), whatever the split.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendBatch, frontierLevels, rootFromFrontier } from './batch';
import { toHex } from './bytes';
import { HASH_SIZE, leafHash, type Hash } from './merkle';
import { rootFromLeafHashes } from './merkle-reference';
import { MemoryHashStore } from './memory-hash-store';
import { storedHashCount, treeHashIndexes } from './stored-hashes';

const leaf = (i: number): Hash => leafHash(new TextEncoder().encode(`leaf ${i}`));

describe('appendBatch', () => {
  it('frontier levels are the set bits of n, high to low', () => {
    expect(frontierLevels(0)).toEqual([]);
    expect(frontierLevels(1)).toEqual([0]);
    expect(frontierLevels(6)).toEqual([2, 1]);
    expect(frontierLevels(13)).toEqual([3, 2, 0]);
    expect(frontierLevels(2 ** 40 + 1)).toEqual([40, 0]);
    for (let n = 0; n < 300; n++) expect(frontierLevels(n).length).toBe(treeHashIndexes(n).length);
  });

  it('random batch sizes: same stored hashes, frontier and root as MemoryHashStore', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 1, maxLength: 12 }), (batches) => {
        const ref = new MemoryHashStore();
        let frontier: Hash[] = [];
        let n = 0;
        for (const b of batches) {
          const leaves = Array.from({ length: b }, (_, k) => leaf(n + k));
          const r = appendBatch(n, frontier, leaves);
          const before = storedHashCount(n);
          for (const h of leaves) ref.appendLeafHash(h);
          n += b;
          expect(r.first).toBe(n - b);
          expect(r.size).toBe(n);
          expect(r.count).toBe(storedHashCount(n) - before);
          const want = ref.readHashes(Array.from({ length: r.count }, (_, k) => before + k));
          expect(toHex(r.hashes)).toBe(want.map(toHex).join(''));
          expect(r.frontier.map(toHex)).toEqual(ref.readHashes(treeHashIndexes(n)).map(toHex));
          expect(toHex(r.root)).toBe(toHex(ref.root()));
          frontier = r.frontier;
        }
        expect(toHex(rootFromFrontier(frontier))).toBe(toHex(rootFromLeafHashes(Array.from({ length: n }, (_, i) => leaf(i)))));
      }),
      { numRuns: 200 },
    );
  });

  it('one batch of 5,000 equals 5,000 single appends', () => {
    const leaves = Array.from({ length: 5000 }, (_, i) => leaf(i));
    const ref = new MemoryHashStore();
    for (const h of leaves) ref.appendLeafHash(h);
    const r = appendBatch(0, [], leaves);
    expect(r.count).toBe(ref.hashCount);
    expect(toHex(r.hashes)).toBe(ref.readHashes(Array.from({ length: ref.hashCount }, (_, k) => k)).map(toHex).join(''));
    expect(toHex(r.root)).toBe(toHex(ref.root()));
  });

  it('rejects a frontier of the wrong shape and malformed leaf hashes', () => {
    expect(() => appendBatch(3, [leaf(0)], [leaf(3)])).toThrow();
    expect(() => appendBatch(0, [], [new Uint8Array(HASH_SIZE - 1)])).toThrow();
    expect(() => appendBatch(-1, [], [])).toThrow();
  });
});
