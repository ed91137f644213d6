// RFC 9162 §2.1 definitions (MTH, PATH, PROOF) computed directly from the full list of leaf hashes.
// Quadratic-ish and memory-hungry on purpose: it is the independent reference that the stored-hash
// (Go tlog style) proof generation and the verifiers are tested against, and handy for small trees.
import { emptyRoot, largestPowerOfTwoBelow, nodeHash, ProofError, type Hash } from './merkle';

/** MTH(D[lo:hi]) over leaf hashes (RFC 9162 §2.1.1), computed directly. Reference implementation. */
function mth(leaves: readonly Hash[], lo: number, hi: number): Hash {
  if (hi - lo === 1) return leaves[lo];
  const k = largestPowerOfTwoBelow(hi - lo);
  return nodeHash(mth(leaves, lo, lo + k), mth(leaves, lo + k, hi));
}

/** Root hash of a tree given all of its leaf hashes. */
export function rootFromLeafHashes(leaves: readonly Hash[]): Hash {
  return leaves.length === 0 ? emptyRoot() : mth(leaves, 0, leaves.length);
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]) computed from all leaf hashes. Reference implementation. */
export function inclusionProofFromLeafHashes(leaves: readonly Hash[], index: number): Hash[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= leaves.length) {
    throw new ProofError('inclusion proof: index out of range');
  }
  const path: Hash[] = [];
  const walk = (m: number, lo: number, hi: number): void => {
    if (hi - lo === 1) return;
    const k = largestPowerOfTwoBelow(hi - lo);
    if (m < k) {
      walk(m, lo, lo + k);
      path.push(mth(leaves, lo + k, hi));
    } else {
      walk(m - k, lo + k, hi);
      path.push(mth(leaves, lo, lo + k));
    }
  };
  walk(index, 0, leaves.length);
  return path;
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) computed from all leaf hashes (0 < m ≤ n). Reference implementation. */
export function consistencyProofFromLeafHashes(leaves: readonly Hash[], oldSize: number): Hash[] {
  if (!Number.isSafeInteger(oldSize) || oldSize < 1 || oldSize > leaves.length) {
    throw new ProofError('consistency proof: old size out of range');
  }
  const proof: Hash[] = [];
  const sub = (m: number, lo: number, hi: number, complete: boolean): void => {
    if (m === hi - lo) {
      if (!complete) proof.push(mth(leaves, lo, hi));
      return;
    }
    const k = largestPowerOfTwoBelow(hi - lo);
    if (m <= k) {
      sub(m, lo, lo + k, complete);
      proof.push(mth(leaves, lo + k, hi));
    } else {
      sub(m - k, lo + k, hi, false);
      proof.push(mth(leaves, lo, lo + k));
    }
  };
  sub(oldSize, 0, leaves.length, true);
  return proof;
}
