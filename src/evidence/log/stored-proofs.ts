// Inclusion ("record") and consistency ("tree") proof generation over stored hashes (Go tlog design).
// Proofs are in RFC 9162 order (from the leaf / old subtree upwards) and verify with merkle.ts.
import { ProofError, type Hash } from './merkle';
import {
  checkCount,
  Cursor,
  expectHashes,
  maxPow2,
  subTreeHash,
  subTreeIndex,
  type HashReader,
} from './stored-hashes';

function checkRecordArgs(t: number, n: number): void {
  checkCount('t', t);
  checkCount('n', n);
  if (n >= t) throw new ProofError('record index must be below the tree size');
}

function checkTreeArgs(t: number, n: number): void {
  checkCount('t', t);
  checkCount('n', n);
  if (n < 1 || n > t) throw new ProofError('old tree size must be in 1..t');
}

function leafProofIndex(lo: number, hi: number, n: number, need: number[]): void {
  if (lo + 1 === hi) return;
  const [k] = maxPow2(hi - lo);
  if (n < lo + k) {
    leafProofIndex(lo, lo + k, n, need);
    subTreeIndex(lo + k, hi, need);
  } else {
    subTreeIndex(lo, lo + k, need);
    leafProofIndex(lo + k, hi, n, need);
  }
}

function leafProof(lo: number, hi: number, n: number, c: Cursor, out: Hash[]): void {
  if (lo + 1 === hi) return; // the verifier knows the leaf hash
  const [k] = maxPow2(hi - lo);
  if (n < lo + k) {
    leafProof(lo, lo + k, n, c, out);
    out.push(subTreeHash(lo + k, hi, c));
  } else {
    const left = subTreeHash(lo, lo + k, c);
    leafProof(lo + k, hi, n, c, out);
    out.push(left);
  }
}

/** Stored-hash indexes needed to prove that leaf n is in the tree of t leaves. */
export function recordProofIndexes(t: number, n: number): number[] {
  checkRecordArgs(t, n);
  const need: number[] = [];
  leafProofIndex(0, t, n, need);
  return need;
}

/** Inclusion proof for leaf n in the tree of t leaves, from the hashes read for recordProofIndexes(t, n). */
export function recordProofFromHashes(t: number, n: number, hashes: readonly Hash[]): Hash[] {
  expectHashes(hashes, recordProofIndexes(t, n).length);
  const out: Hash[] = [];
  const c = new Cursor(hashes);
  leafProof(0, t, n, c, out);
  if (c.pos !== hashes.length) throw new ProofError('bad index math in recordProof');
  return out;
}

/** Go's ProveRecord: the inclusion proof that the tree of size t contains leaf n. */
export function proveRecord(t: number, n: number, reader: HashReader): Hash[] {
  const plan = recordProofIndexes(t, n);
  return recordProofFromHashes(t, n, plan.length === 0 ? [] : reader.readHashes(plan));
}

function treeProofIndex(lo: number, hi: number, n: number, need: number[]): void {
  if (n === hi) {
    if (lo !== 0) subTreeIndex(lo, hi, need); // lo === 0: the verifier knows the old root
    return;
  }
  const [k] = maxPow2(hi - lo);
  if (n <= lo + k) {
    treeProofIndex(lo, lo + k, n, need);
    subTreeIndex(lo + k, hi, need);
  } else {
    subTreeIndex(lo, lo + k, need);
    treeProofIndex(lo + k, hi, n, need);
  }
}

function treeProof(lo: number, hi: number, n: number, c: Cursor, out: Hash[]): void {
  if (n === hi) {
    if (lo !== 0) out.push(subTreeHash(lo, hi, c));
    return;
  }
  const [k] = maxPow2(hi - lo);
  if (n <= lo + k) {
    treeProof(lo, lo + k, n, c, out);
    out.push(subTreeHash(lo + k, hi, c));
  } else {
    const left = subTreeHash(lo, lo + k, c);
    treeProof(lo + k, hi, n, c, out);
    out.push(left);
  }
}

/** Stored-hash indexes needed to prove that the tree of n leaves is a prefix of the tree of t leaves. */
export function treeProofIndexes(t: number, n: number): number[] {
  checkTreeArgs(t, n);
  const need: number[] = [];
  treeProofIndex(0, t, n, need);
  return need;
}

/** Consistency proof from size n to size t, from the hashes read for treeProofIndexes(t, n). */
export function treeProofFromHashes(t: number, n: number, hashes: readonly Hash[]): Hash[] {
  expectHashes(hashes, treeProofIndexes(t, n).length);
  const out: Hash[] = [];
  const c = new Cursor(hashes);
  treeProof(0, t, n, c, out);
  if (c.pos !== hashes.length) throw new ProofError('bad index math in treeProof');
  return out;
}

/** Go's ProveTree: the consistency proof that the tree of size t extends the tree of size n (1 ≤ n ≤ t). */
export function proveTree(t: number, n: number, reader: HashReader): Hash[] {
  const plan = treeProofIndexes(t, n);
  return treeProofFromHashes(t, n, plan.length === 0 ? [] : reader.readHashes(plan));
}
