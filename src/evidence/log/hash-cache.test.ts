// The stored-hash cache: bounded tiers, LRU eviction, pin level rising with the tree, and proofs
// computed through it identical to proofs computed without it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes';
import { hashesAtOrAbove, StoredHashCache } from './hash-cache';
import { leafHash, type Hash } from './merkle';
import { MemoryHashStore } from './memory-hash-store';
import { splitStoredHashIndex, storedHashCount, storedHashIndex, type HashReader } from './stored-hashes';
import { proveRecord, proveTree } from './stored-proofs';

const h = (i: number): Hash => leafHash(new Uint8Array([i & 255, (i >> 8) & 255, (i >> 16) & 255]));

/** A reader that answers from the cache and falls back to `store`, remembering what it read. */
function cachedReader(cache: StoredHashCache, store: MemoryHashStore): HashReader & { fetched: number } {
  const r = {
    fetched: 0,
    readHashes(indexes: readonly number[]): Hash[] {
      return indexes.map((i) => {
        const c = cache.get(i);
        if (c) return c;
        r.fetched++;
        const [x] = store.readHashes([i]);
        cache.put(i, x);
        return x;
      });
    },
  };
  return r;
}

describe('StoredHashCache', () => {
  it('counts hashes at or above a height', () => {
    expect(hashesAtOrAbove(0, 8)).toBe(15);
    expect(hashesAtOrAbove(1, 8)).toBe(7);
    expect(hashesAtOrAbove(3, 8)).toBe(1);
    expect(hashesAtOrAbove(4, 8)).toBe(0);
    expect(hashesAtOrAbove(0, 5)).toBe(5 + 2 + 1);
  });

  it('keeps the upper heights, evicts the least recently used below, and stays within its bounds', () => {
    const c = new StoredHashCache({ maxUpper: 15, maxRecent: 4 });
    c.grow(64); // 64 leaves: heights ≥ 3 hold 8+4+2+1 = 15 hashes
    expect(c.pinLevel).toBe(3);
    for (let l = 0; l <= 6; l++) for (let n = 0; n < 64 / 2 ** l; n++) c.put(storedHashIndex(l, n), h(1000 * l + n));
    expect(c.size).toBe(15 + 4);
    for (let l = 3; l <= 6; l++) for (let n = 0; n < 64 / 2 ** l; n++) expect(toHex(c.get(storedHashIndex(l, n))!)).toBe(toHex(h(1000 * l + n)));
    // The last four lower-height hashes put are the ones kept.
    expect(c.has(storedHashIndex(2, 15))).toBe(true);
    expect(c.has(storedHashIndex(2, 12))).toBe(true);
    expect(c.has(storedHashIndex(2, 11))).toBe(false);
    // A hit refreshes: 12 survives the next put, 13 (now oldest) goes.
    c.get(storedHashIndex(2, 12));
    c.put(storedHashIndex(0, 0), h(1));
    expect(c.has(storedHashIndex(2, 12))).toBe(true);
    expect(c.has(storedHashIndex(2, 13))).toBe(false);
  });

  it('raises the pin level as the tree grows and drops the lower heights from the upper tier', () => {
    const c = new StoredHashCache({ maxUpper: 31, maxRecent: 0 });
    c.grow(16);
    expect(c.pinLevel).toBe(0);
    for (let i = 0; i < storedHashCount(16); i++) c.put(i, h(i));
    expect(c.size).toBe(31);
    c.grow(64); // heights ≥ 2: 16+8+4+2+1 = 31
    expect(c.pinLevel).toBe(2);
    for (let i = 0; i < storedHashCount(16); i++) expect(c.has(i)).toBe(splitStoredHashIndex(i)[0] >= 2);
  });

  it('returns copies: altering an answer never alters the cache', () => {
    const c = new StoredHashCache();
    c.put(7, h(7));
    const a = c.get(7)!;
    a.fill(0);
    expect(toHex(c.get(7)!)).toBe(toHex(h(7)));
  });

  it('warm-up indexes cover exactly the upper hashes of the new complete subtrees', () => {
    const c = new StoredHashCache({ maxUpper: 1000 });
    c.grow(100);
    const all = c.upperIndexes(0, 100).map((x) => x.index).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: storedHashCount(100) }, (_, i) => i).filter((i) => splitStoredHashIndex(i)[0] >= c.pinLevel));
    const more = c.upperIndexes(100, 140).map((x) => x.index);
    for (const i of more) expect(i).toBeLessThan(storedHashCount(140));
    expect(new Set([...all, ...more]).size).toBe(all.length + more.length);
    expect(all.length + more.length).toBe(hashesAtOrAbove(c.pinLevel, 140));
  });

  it('proofs through a cold cache, a warm cache and no cache are identical', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 600 }), fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 64 }), (size, picks, maxRecent) => {
        const store = new MemoryHashStore();
        for (let i = 0; i < size; i++) store.appendLeafHash(h(i));
        const cache = new StoredHashCache({ maxUpper: 64, maxRecent });
        cache.grow(size);
        const reader = cachedReader(cache, store);
        for (const p of picks) {
          const n = p % size;
          const m = 1 + (p % size);
          const plain = [proveRecord(size, n, store), proveTree(size, m, store)].map((x) => x.map(toHex));
          const cold = [proveRecord(size, n, reader), proveTree(size, m, reader)].map((x) => x.map(toHex));
          const warm = [proveRecord(size, n, reader), proveTree(size, m, reader)].map((x) => x.map(toHex));
          expect(cold).toEqual(plain);
          expect(warm).toEqual(plain);
        }
        expect(cache.size).toBeLessThanOrEqual(64 + maxRecent);
      }),
      { numRuns: 60 },
    );
  });
});
