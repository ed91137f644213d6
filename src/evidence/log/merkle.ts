// RFC 6962 / RFC 9162 Merkle tree hashing and proof verification (pure, no I/O).
// Verification follows RFC 9162 §2.1.3.2 and §2.1.4.2 step by step; the edge cases
// (equal sizes, size 0) follow the transparency-dev/merkle reference behaviour.
import { createHash, hash as oneShotHash } from 'node:crypto';
import { bytesEqual } from './bytes';

export const HASH_SIZE = 32;
/** A SHA-256 Merkle tree hash (32 bytes). */
export type Hash = Uint8Array;

/** Thrown by the Go-style checkRecord / checkTree (and by proof generation on bad inputs). */
export class ProofError extends Error {
  override name = 'ProofError';
}

function sha256(data: Uint8Array): Hash {
  const out = oneShotHash('sha256', data, 'buffer');
  return new Uint8Array(out.buffer, out.byteOffset, HASH_SIZE);
}

const EMPTY_ROOT = sha256(new Uint8Array(0));

/** The root of the empty tree: SHA-256 of the empty string. */
export function emptyRoot(): Hash {
  return EMPTY_ROOT.slice();
}

/** RFC 6962 leaf hash: SHA-256(0x00 ‖ data). */
export function leafHash(data: Uint8Array): Hash {
  if (data.length > 1 << 16) {
    const out = createHash('sha256').update(new Uint8Array([0])).update(data).digest();
    return new Uint8Array(out.buffer, out.byteOffset, HASH_SIZE);
  }
  const buf = new Uint8Array(1 + data.length);
  buf.set(data, 1);
  return sha256(buf);
}

const nodeScratch = new Uint8Array(1 + 2 * HASH_SIZE);
nodeScratch[0] = 1;

/** RFC 6962 interior node hash: SHA-256(0x01 ‖ left ‖ right). Both inputs must be 32 bytes. */
export function nodeHash(left: Hash, right: Hash): Hash {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    throw new ProofError('nodeHash needs two 32-byte hashes');
  }
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 1 + HASH_SIZE);
  return sha256(nodeScratch);
}

/** Largest power of two strictly smaller than n (n ≥ 2). */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isSize = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
const allHashes = (hs: readonly Uint8Array[]): boolean => hs.every((h) => h instanceof Uint8Array && h.length === HASH_SIZE);
const odd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

/**
 * RFC 9162 §2.1.3.2: does `proof` show that the leaf with hash `leaf` sits at `index`
 * in the tree of `treeSize` leaves whose root is `root`? Never throws.
 */
export function verifyInclusion(index: number, treeSize: number, leaf: Hash, proof: readonly Hash[], root: Hash): boolean {
  if (!isSize(index) || !isSize(treeSize) || index >= treeSize) return false;
  if (!Array.isArray(proof) || !allHashes([leaf, root, ...proof])) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(r, root);
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show that the tree of `oldSize` leaves with root `oldRoot`
 * is a prefix of the tree of `newSize` leaves with root `newRoot`? Never throws.
 * Size 0 is never provable (transparency-dev semantics); equal sizes need an empty proof and equal roots.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Hash,
  newRoot: Hash,
  proof: readonly Hash[],
): boolean {
  if (!isSize(oldSize) || !isSize(newSize) || newSize < oldSize || oldSize === 0) return false;
  if (!Array.isArray(proof)) return false;
  if (oldSize === newSize) return proof.length === 0 && bytesEqual(oldRoot, newRoot);
  if (proof.length === 0 || !allHashes([oldRoot, newRoot, ...proof])) return false;
  // Step 2: when the old tree is a complete subtree, its root is the first path element.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (let i = 1; i < path.length; i++) {
    const c = path[i];
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, oldRoot) && bytesEqual(sr, newRoot);
}

function isPowerOfTwo(n: number): boolean {
  while (n > 1) {
    if (odd(n)) return false;
    n = half(n);
  }
  return n === 1;
}

/** Go tlog CheckRecord: throws ProofError unless `proof` shows leaf `n` with hash `h` in tree (t, th). */
export function checkRecord(proof: readonly Hash[], t: number, th: Hash, n: number, h: Hash): void {
  if (!isSize(t) || !isSize(n) || n >= t) throw new ProofError('invalid inputs to checkRecord');
  if (!verifyInclusion(n, t, h, proof, th)) throw new ProofError('invalid inclusion proof');
}

/** Go tlog CheckTree: throws ProofError unless `proof` shows tree (n, h) is a prefix of tree (t, th). */
export function checkTree(proof: readonly Hash[], t: number, th: Hash, n: number, h: Hash): void {
  if (!isSize(t) || !isSize(n) || n < 1 || n > t) throw new ProofError('invalid inputs to checkTree');
  if (!verifyConsistency(n, t, h, th, proof)) throw new ProofError('invalid consistency proof');
}
