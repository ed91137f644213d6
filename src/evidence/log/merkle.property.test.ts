// fast-check properties of proof generation (stored hashes, Go tlog design) against
// the RFC 9162 reference definitions and the RFC 9162 verifiers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from './bytes';
import { emptyRoot, leafHash, verifyConsistency, verifyInclusion } from './merkle';
import { consistencyProofFromLeafHashes, inclusionProofFromLeafHashes, rootFromLeafHashes } from './merkle-reference';
import { MemoryHashStore } from './memory-hash-store';

const MAX = 700;
const store = new MemoryHashStore();
const leaves: Uint8Array[] = [];
for (let i = 0; i < MAX; i++) {
  const data = utf8(`leaf ${i}`);
  leaves.push(leafHash(data));
  store.append(data);
}
const hex = (hs: readonly Uint8Array[]): string[] => hs.map(toHex);

const flip = (bytes: Uint8Array, bit: number): Uint8Array => {
  const copy = bytes.slice();
  copy[Math.floor(bit / 8) % copy.length] ^= 1 << bit % 8;
  return copy;
};

const sizes = fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n)));
const leafInTree = fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.constant(n)));

describe('roots', () => {
  it('stored-hash root equals the RFC 9162 MTH for every size', () => {
    expect(toHex(store.root(0))).toBe(toHex(emptyRoot()));
    for (let n = 1; n <= 130; n++) expect(toHex(store.root(n))).toBe(toHex(rootFromLeafHashes(leaves.slice(0, n))));
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX }), (n) => toHex(store.root(n)) === toHex(rootFromLeafHashes(leaves.slice(0, n)))));
  });
});

describe('inclusion', () => {
  it('every leaf of every small tree is included, with the RFC 9162 PATH', () => {
    for (let n = 1; n <= 40; n++) {
      const root = store.root(n);
      for (let i = 0; i < n; i++) {
        const proof = store.inclusionProof(i, n);
        expect(hex(proof)).toEqual(hex(inclusionProofFromLeafHashes(leaves.slice(0, n), i)));
        expect(verifyInclusion(i, n, leaves[i], proof, root)).toBe(true);
      }
    }
  });

  it('any leaf in any tree verifies and matches the reference', () => {
    fc.assert(
      fc.property(leafInTree, ([i, n]) => {
        const proof = store.inclusionProof(i, n);
        return (
          verifyInclusion(i, n, leaves[i], proof, store.root(n)) &&
          hex(proof).join() === hex(inclusionProofFromLeafHashes(leaves.slice(0, n), i)).join()
        );
      }),
    );
  });

  it('any flipped bit in proof, leaf or root is rejected', () => {
    fc.assert(
      fc.property(leafInTree, fc.nat(), fc.nat(), ([i, n], which, bit) => {
        const proof = store.inclusionProof(i, n);
        const root = store.root(n);
        const k = which % (proof.length + 2);
        if (k === proof.length) return !verifyInclusion(i, n, leaves[i], proof, flip(root, bit % 256));
        if (k === proof.length + 1) return !verifyInclusion(i, n, flip(leaves[i], bit % 256), proof, root);
        const bad = proof.map((p, j) => (j === k ? flip(p, bit % 256) : p));
        return !verifyInclusion(i, n, leaves[i], bad, root);
      }),
    );
  });

  // (A proof can also fit a neighbouring tree size with the same shape; the signed root pins the size.)
  it('wrong index, truncated or padded proofs are rejected', () => {
    fc.assert(
      fc.property(leafInTree, fc.nat(), ([i, n], r) => {
        const proof = store.inclusionProof(i, n);
        const root = store.root(n);
        const j = (i + 1 + (r % n)) % n;
        const checks = [
          j === i || !verifyInclusion(j, n, leaves[i], proof, root),
          proof.length === 0 || !verifyInclusion(i, n, leaves[i], proof.slice(0, -1), root),
          !verifyInclusion(i, n, leaves[i], [...proof, root], root),
          !verifyInclusion(i, n, leaves[i], [leaves[i], ...proof], root),
        ];
        return checks.every(Boolean);
      }),
    );
  });
});

describe('consistency', () => {
  it('any two sizes m ≤ n are consistent, with the RFC 9162 PROOF', () => {
    fc.assert(
      fc.property(sizes, ([m, n]) => {
        const proof = store.consistencyProof(m, n);
        return (
          verifyConsistency(m, n, store.root(m), store.root(n), proof) &&
          hex(proof).join() === hex(consistencyProofFromLeafHashes(leaves.slice(0, n), m)).join()
        );
      }),
      { numRuns: 300 },
    );
  });

  it('every pair of small sizes is consistent', () => {
    for (let n = 1; n <= 33; n++) {
      for (let m = 1; m <= n; m++) {
        expect(verifyConsistency(m, n, store.root(m), store.root(n), store.consistencyProof(m, n))).toBe(true);
      }
    }
  });

  it('any flipped bit in proof or either root is rejected', () => {
    fc.assert(
      fc.property(sizes, fc.nat(), fc.nat(), ([m, n], which, bit) => {
        const proof = store.consistencyProof(m, n);
        const [r1, r2] = [store.root(m), store.root(n)];
        const k = which % (proof.length + 2);
        if (k === proof.length) return !verifyConsistency(m, n, flip(r1, bit % 256), r2, proof);
        if (k === proof.length + 1) return !verifyConsistency(m, n, r1, flip(r2, bit % 256), proof);
        const bad = proof.map((p, j) => (j === k ? flip(p, bit % 256) : p));
        return !verifyConsistency(m, n, r1, r2, bad);
      }),
    );
  });

  it('mismatched sizes or altered proofs are rejected', () => {
    fc.assert(
      fc.property(sizes, ([m, n]) => {
        const proof = store.consistencyProof(m, n);
        const [r1, r2] = [store.root(m), store.root(n)];
        return [
          m === n || !verifyConsistency(m, n, r2, r1, proof),
          m === n || !verifyConsistency(m, n, r1, r2, proof.slice(0, -1)),
          !verifyConsistency(m, n, r1, r2, [...proof, r2]),
          m === 1 || !verifyConsistency(m - 1, n, r1, r2, proof),
          !verifyConsistency(0, n, emptyRoot(), r2, proof),
        ].every(Boolean);
      }),
    );
  });
});
