// Appending a batch of leaves with only the frontier in memory. The frontier of a tree of n leaves
// is the list of its maximal complete subtrees, left to right (one per set bit of n, largest
// first) — exactly the stored hashes of treeHashIndexes(n). Appending leaf n pushes its hash and
// merges equal-height neighbours; every hash pushed or merged is a new stored hash, produced in
// storage order. So a batch of k leaves needs at most log₂ n old hashes, O(k) hashing, and no
// reads in between; the result equals k calls of storedHashesFromHashes (see batch.test.ts).
import { emptyRoot, HASH_SIZE, nodeHash, ProofError, type Hash } from './merkle';
import { checkCount, expectHashes, storedHashCount, treeHashIndexes } from './stored-hashes';

export interface BatchAppend {
  /** Leaves before the batch. */
  first: number;
  /** Leaves after the batch. */
  size: number;
  /** The new stored hashes, 32 bytes each, in storage order from storedHashCount(first) on. */
  hashes: Uint8Array;
  /** Number of new stored hashes (storedHashCount(size) − storedHashCount(first)). */
  count: number;
  /** The frontier after the batch: the hashes of treeHashIndexes(size). */
  frontier: Hash[];
  /** Root of the tree of `size` leaves. */
  root: Hash;
}

/** Heights of the frontier subtrees of a tree of n leaves, left to right (the set bits of n, high to low). */
export function frontierLevels(n: number): number[] {
  checkCount('n', n);
  const levels: number[] = [];
  for (let l = 52; l >= 0; l--) if (Math.floor(n / 2 ** l) % 2 === 1) levels.push(l);
  return levels;
}

/** Root of a tree from its frontier (right to left: h = node(f[i], h)); the empty tree's root when empty. */
export function rootFromFrontier(frontier: readonly Hash[]): Hash {
  if (frontier.length === 0) return emptyRoot();
  let h = frontier[frontier.length - 1];
  for (let i = frontier.length - 2; i >= 0; i--) h = nodeHash(frontier[i], h);
  return h;
}

/**
 * Appends `leafHashes` to a tree of `first` leaves whose frontier (the hashes read for
 * treeHashIndexes(first)) is given. Pure: the caller writes `hashes` at storedHashCount(first).
 */
export function appendBatch(first: number, frontier: readonly Hash[], leafHashes: readonly Hash[]): BatchAppend {
  checkCount('first', first);
  const levels = frontierLevels(first);
  if (treeHashIndexes(first).length !== levels.length) throw new ProofError('bad frontier math');
  expectHashes(frontier, levels.length);
  const size = first + leafHashes.length;
  checkCount('size', size);
  const count = storedHashCount(size) - storedHashCount(first);
  const out = new Uint8Array(count * HASH_SIZE);
  const stackH: Hash[] = [...frontier];
  const stackL: number[] = levels;
  let o = 0;
  const emit = (h: Hash): void => {
    out.set(h, o);
    o += HASH_SIZE;
  };
  for (const lh of leafHashes) {
    if (!(lh instanceof Uint8Array) || lh.length !== HASH_SIZE) throw new ProofError('leaf hashes must be 32 bytes');
    emit(lh);
    let h = lh;
    let level = 0;
    while (stackL.length > 0 && stackL[stackL.length - 1] === level) {
      h = nodeHash(stackH.pop()!, h);
      stackL.pop();
      level++;
      emit(h);
    }
    stackH.push(h);
    stackL.push(level);
  }
  if (o !== out.length) throw new ProofError('bad stored hash count in appendBatch');
  return { first, size, hashes: out, count, frontier: stackH, root: rootFromFrontier(stackH) };
}
