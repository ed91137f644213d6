// An in-memory, append-only hash store implementing HashReader: for tests, benchmarks and tools.
// Hashes live in 1 MiB pages (32 768 hashes each), so growth never copies what is already stored.
import { HASH_SIZE, leafHash, ProofError, type Hash } from './merkle';
import { storedHashesFromHashes, storedHashesIndexes, treeHash, type HashReader } from './stored-hashes';
import { proveRecord, proveTree } from './stored-proofs';

const PAGE_HASHES = 1 << 15;
const PAGE_BYTES = PAGE_HASHES * HASH_SIZE;

export class MemoryHashStore implements HashReader {
  #pages: Uint8Array[] = [];
  #hashCount = 0;
  #size = 0;

  /** Number of leaves appended. */
  get size(): number {
    return this.#size;
  }

  /** Number of stored hashes (storedHashCount(size)). */
  get hashCount(): number {
    return this.#hashCount;
  }

  /** Appends a record (hashed as an RFC 6962 leaf); returns its leaf index. */
  append(data: Uint8Array): number {
    return this.appendLeafHash(leafHash(data));
  }

  /** Appends an already computed leaf hash; returns its leaf index. */
  appendLeafHash(hash: Hash): number {
    const n = this.#size;
    const plan = storedHashesIndexes(n);
    const hashes = storedHashesFromHashes(n, hash, plan.length === 0 ? [] : this.readHashes(plan));
    for (const h of hashes) this.#push(h);
    this.#size = n + 1;
    return n;
  }

  readHashes(indexes: readonly number[]): Hash[] {
    const out = new Array<Hash>(indexes.length);
    for (let i = 0; i < indexes.length; i++) {
      const x = indexes[i];
      if (!Number.isSafeInteger(x) || x < 0 || x >= this.#hashCount) {
        throw new ProofError(`stored hash ${x} not present (have ${this.#hashCount})`);
      }
      const page = this.#pages[Math.floor(x / PAGE_HASHES)];
      const off = (x % PAGE_HASHES) * HASH_SIZE;
      out[i] = page.slice(off, off + HASH_SIZE);
    }
    return out;
  }

  /** Root hash of the tree at `size` leaves (default: all). */
  root(size: number = this.#size): Hash {
    this.#checkSize(size);
    return treeHash(size, this);
  }

  /** Inclusion proof of leaf `index` in the tree of `size` leaves (default: all). */
  inclusionProof(index: number, size: number = this.#size): Hash[] {
    this.#checkSize(size);
    return proveRecord(size, index, this);
  }

  /** Consistency proof from `oldSize` to `size` leaves (default: all). */
  consistencyProof(oldSize: number, size: number = this.#size): Hash[] {
    this.#checkSize(size);
    return proveTree(size, oldSize, this);
  }

  #checkSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.#size) {
      throw new ProofError(`tree size ${size} not available (have ${this.#size})`);
    }
  }

  #push(h: Hash): void {
    const x = this.#hashCount;
    const p = Math.floor(x / PAGE_HASHES);
    if (p === this.#pages.length) this.#pages.push(new Uint8Array(PAGE_BYTES));
    this.#pages[p].set(h, (x % PAGE_HASHES) * HASH_SIZE);
    this.#hashCount = x + 1;
  }
}
