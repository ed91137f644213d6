// Stored-hash layout (Go tlog design): index arithmetic, appends, roots and proofs via a HashReader.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from './bytes';
import { checkRecord, checkTree, leafHash, type Hash } from './merkle';
import { rootFromLeafHashes } from './merkle-reference';
import { MemoryHashStore } from './memory-hash-store';
import {
  splitStoredHashIndex,
  storedHashCount,
  storedHashes,
  storedHashIndex,
  treeHash,
  treeHashFromHashes,
  treeHashIndexes,
  type HashReader,
} from './stored-hashes';
import { proveRecord, proveTree, recordProofFromHashes, recordProofIndexes, treeProofIndexes } from './stored-proofs';

describe('stored hash index', () => {
  it('matches the Crosby–Wallach ordering for the first entries', () => {
    // leaf0 →0, leaf1 →1, node(1,0) →2, leaf2 →3, leaf3 →4, node(1,1) →5, node(2,0) →6, leaf4 →7
    expect([0, 1, 2, 3, 4].map((n) => storedHashIndex(0, n))).toEqual([0, 1, 3, 4, 7]);
    expect(storedHashIndex(1, 0)).toBe(2);
    expect(storedHashIndex(1, 1)).toBe(5);
    expect(storedHashIndex(2, 0)).toBe(6);
  });

  it('splitStoredHashIndex inverts storedHashIndex (Go TestSplitStoredHashIndex and beyond)', () => {
    for (let l = 0; l < 10; l++) for (let n = 0; n < 100; n++) expect(splitStoredHashIndex(storedHashIndex(l, n))).toEqual([l, n]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2 ** 40 }), (l, x) => {
        const n = Math.floor(x / 2 ** l);
        const [l2, n2] = splitStoredHashIndex(storedHashIndex(l, n));
        return l2 === l && n2 === n;
      }),
    );
  });

  it('rejects out-of-range coordinates', () => {
    expect(() => storedHashIndex(-1, 0)).toThrow();
    expect(() => storedHashIndex(64, 0)).toThrow();
    expect(() => storedHashIndex(0, -1)).toThrow();
    expect(() => storedHashIndex(0, 2 ** 53)).toThrow();
    expect(() => storedHashIndex(0, 0.5)).toThrow();
  });
});

/** Fails the test unless f throws (cheaper than expect().toThrow() in the hot loop below). */
function mustThrow(f: () => void, what: string): void {
  try {
    f();
  } catch {
    return;
  }
  throw new Error(`${what} accepted a corrupt proof`);
}

describe('Go TestTree, ported: 100 appends with every root and proof checked', () => {
  it('keeps counts, roots, inclusion and consistency proofs right at every size', () => {
    const stored: Hash[] = [];
    const reader: HashReader = {
      readHashes(indexes) {
        for (let i = 1; i < indexes.length; i++) if (indexes[i - 1] >= indexes[i]) throw new Error('indexes out of order');
        return indexes.map((x) => stored[x]);
      },
    };
    const leaves: Hash[] = [];
    const trees: Hash[] = [];
    for (let i = 0; i < 100; i++) {
      const data = utf8(`leaf ${i}`);
      leaves.push(leafHash(data));
      stored.push(...storedHashes(i, leafHash(data), reader));
      expect(storedHashCount(i + 1)).toBe(stored.length);
      const th = treeHash(i + 1, reader);
      expect(toHex(th)).toBe(toHex(rootFromLeafHashes(leaves)));
      trees.push(th);
      for (let j = 0; j <= i; j++) {
        const p = proveRecord(i + 1, j, reader);
        checkRecord(p, i + 1, th, j, leaves[j]);
        for (let k = 0; k < p.length; k++) {
          p[k][0] ^= 1;
          mustThrow(() => checkRecord(p, i + 1, th, j, leaves[j]), `checkRecord(${i + 1}, ${j})`);
          p[k][0] ^= 1;
        }
        const q = proveTree(i + 1, j + 1, reader);
        checkTree(q, i + 1, th, j + 1, trees[j]);
        for (let k = 0; k < q.length; k++) {
          q[k][0] ^= 1;
          mustThrow(() => checkTree(q, i + 1, th, j + 1, trees[j]), `checkTree(${i + 1}, ${j + 1})`);
          q[k][0] ^= 1;
        }
      }
    }
  });
});

describe('planned reads', () => {
  const store = new MemoryHashStore();
  for (let i = 0; i < 1000; i++) store.append(utf8(String(i)));

  it('reads at most O(log n) hashes per root or proof', () => {
    expect(treeHashIndexes(1000).length).toBeLessThanOrEqual(11);
    expect(recordProofIndexes(1000, 777).length).toBeLessThanOrEqual(2 * 11);
    expect(treeProofIndexes(1000, 333).length).toBeLessThanOrEqual(2 * 11);
    expect(treeHashIndexes(0)).toEqual([]);
  });

  it('plan + combine equals the reader form (for asynchronous stores)', () => {
    const plan = treeHashIndexes(999);
    expect(toHex(treeHashFromHashes(999, store.readHashes(plan)))).toBe(toHex(store.root(999)));
    const rp = recordProofIndexes(999, 500);
    expect(recordProofFromHashes(999, 500, store.readHashes(rp)).map(toHex)).toEqual(store.inclusionProof(500, 999).map(toHex));
  });

  it('refuses readers that return the wrong number or size of hashes', () => {
    const short: HashReader = { readHashes: (ix) => store.readHashes(ix).slice(1) };
    const malformed: HashReader = { readHashes: (ix) => ix.map(() => new Uint8Array(31)) };
    expect(() => treeHash(1000, short)).toThrow();
    expect(() => proveRecord(1000, 3, short)).toThrow();
    expect(() => proveTree(1000, 3, malformed)).toThrow();
  });

  it('refuses impossible proofs', () => {
    expect(() => store.inclusionProof(1000, 1000)).toThrow();
    expect(() => store.inclusionProof(-1)).toThrow();
    expect(() => store.consistencyProof(0)).toThrow();
    expect(() => store.consistencyProof(5, 4)).toThrow();
    expect(() => store.root(1001)).toThrow();
    expect(() => store.readHashes([store.hashCount])).toThrow();
    expect(store.consistencyProof(1000)).toEqual([]);
  });
});
