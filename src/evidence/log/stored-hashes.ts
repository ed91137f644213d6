// Proof generation over stored hashes, after the design of Go's golang.org/x/mod/sumdb/tlog:
// every complete subtree hash is stored once, at a dense index (Crosby & Wallach §3.3 ordering),
// so a root, an inclusion proof or a consistency proof needs at most O(log n) stored hashes.
// Each operation comes as a pair (which indexes to read, then how to combine what was read) so a
// database-backed store can read asynchronously; treeHash / storedHashes (and proveRecord / proveTree
// in stored-proofs.ts) do both steps with a synchronous HashReader.
import { emptyRoot, HASH_SIZE, nodeHash, ProofError, type Hash } from './merkle';

/** Reads stored hashes by stored-hash index. Must return exactly one 32-byte hash per index, or throw. */
export interface HashReader {
  readHashes(indexes: readonly number[]): readonly Hash[];
}

const pow2 = (l: number): number => 2 ** l;

/** @internal */
export function checkCount(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new ProofError(`${name} must be a non-negative safe integer`);
}

function trailingOnes(n: number): number {
  let c = 0;
  while (n % 2 === 1) {
    c++;
    n = (n - 1) / 2;
  }
  return c;
}

/** @internal Largest power of two strictly below n, and its log₂. */
export function maxPow2(n: number): [k: number, level: number] {
  let l = 0;
  while (pow2(l + 1) < n) l++;
  return [pow2(l), l];
}

/** Maps tree coordinates (level, n) — the n-th hash at height `level` — to the dense storage index. */
export function storedHashIndex(level: number, n: number): number {
  if (!Number.isInteger(level) || level < 0 || level > 63) throw new ProofError('level must be 0..63');
  checkCount('n', n);
  // Level L's n-th hash is stored right after level L+1's (2n+1)-th hash; descend to level 0.
  for (let l = level; l > 0; l--) n = 2 * n + 1;
  // Level 0's n-th hash is stored at n + n/2 + n/4 + …
  let i = 0;
  for (; n > 0; n = Math.floor(n / 2)) i += n;
  const index = i + level;
  if (!Number.isSafeInteger(index)) throw new ProofError('stored hash index out of range');
  return index;
}

/** Inverse of storedHashIndex. */
export function splitStoredHashIndex(index: number): [level: number, n: number] {
  checkCount('index', index);
  // storedHashIndex(0, n) < 2n, so the leaf we want is in [index/2, index/2 + log₂ index].
  let n = Math.floor(index / 2);
  let indexN = storedHashIndex(0, n);
  if (indexN > index) throw new ProofError('bad stored hash index math');
  for (;;) {
    // Leaf n+1 is stored after leaf n and the trailing-ones(n) subtrees that leaf n completes.
    const next = indexN + 1 + trailingOnes(n);
    if (next > index) break;
    n++;
    indexN = next;
  }
  const level = index - indexN;
  return [level, Math.floor(n / pow2(level))];
}

/** Number of stored hashes for a tree of n leaves. */
export function storedHashCount(n: number): number {
  checkCount('n', n);
  if (n === 0) return 0;
  return storedHashIndex(0, n - 1) + 1 + trailingOnes(n - 1);
}

/** Indexes to read before appending leaf n (the left siblings of the subtrees leaf n completes). */
export function storedHashesIndexes(n: number): number[] {
  checkCount('n', n);
  const m = trailingOnes(n);
  const indexes = new Array<number>(m);
  for (let i = 0; i < m; i++) indexes[m - 1 - i] = storedHashIndex(i, Math.floor(n / pow2(i)) - 1);
  return indexes;
}

/** The hashes to store (from storedHashIndex(0, n) on) when appending leaf n with the given leaf hash. */
export function storedHashesFromHashes(n: number, leaf: Hash, old: readonly Hash[]): Hash[] {
  const m = trailingOnes(n);
  expectHashes(old, m);
  const out = [leaf];
  let h = leaf;
  for (let i = 0; i < m; i++) {
    h = nodeHash(old[m - 1 - i], h);
    out.push(h);
  }
  return out;
}

/** Go's StoredHashesForRecordHash: what to store when appending leaf n, reading siblings from `reader`. */
export function storedHashes(n: number, leaf: Hash, reader: HashReader): Hash[] {
  return storedHashesFromHashes(n, leaf, reader.readHashes(storedHashesIndexes(n)));
}

/** @internal */
export function expectHashes(hashes: readonly Hash[], count: number): void {
  if (!Array.isArray(hashes) || hashes.length !== count) {
    throw new ProofError(`hash reader returned ${hashes?.length} hashes, want ${count}`);
  }
  for (const h of hashes) {
    if (!(h instanceof Uint8Array) || h.length !== HASH_SIZE) throw new ProofError('hash reader returned a malformed hash');
  }
}

/** @internal A cursor over hashes read in the order their indexes were planned. */
export class Cursor {
  pos = 0;
  constructor(readonly hashes: readonly Hash[]) {}
}

/** @internal Indexes of the complete subtrees that make up leaves [lo, hi), left to right. */
export function subTreeIndex(lo: number, hi: number, need: number[]): void {
  while (lo < hi) {
    const [k, level] = maxPow2(hi - lo + 1);
    if (lo % k !== 0) throw new ProofError('bad math in subTreeIndex');
    need.push(storedHashIndex(level, lo / k));
    lo += k;
  }
}

/** @internal Hash of leaves [lo, hi) from the hashes planned by subTreeIndex. */
export function subTreeHash(lo: number, hi: number, c: Cursor): Hash {
  let count = 0;
  for (let x = lo; x < hi; count++) x += maxPow2(hi - x + 1)[0];
  const start = c.pos;
  c.pos += count;
  let h = c.hashes[start + count - 1];
  for (let i = count - 2; i >= 0; i--) h = nodeHash(c.hashes[start + i], h);
  return h;
}

/** Indexes needed for the root of the tree of n leaves (at most 1 + log₂ n). */
export function treeHashIndexes(n: number): number[] {
  checkCount('n', n);
  const need: number[] = [];
  subTreeIndex(0, n, need);
  return need;
}

/** Root of the tree of n leaves from the hashes read for treeHashIndexes(n). Empty tree: SHA-256(""). */
export function treeHashFromHashes(n: number, hashes: readonly Hash[]): Hash {
  const plan = treeHashIndexes(n);
  expectHashes(hashes, plan.length);
  return n === 0 ? emptyRoot() : subTreeHash(0, n, new Cursor(hashes));
}

export function treeHash(n: number, reader: HashReader): Hash {
  const plan = treeHashIndexes(n);
  return treeHashFromHashes(n, plan.length === 0 ? [] : reader.readHashes(plan));
}
