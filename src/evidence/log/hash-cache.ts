// A bounded in-memory cache of stored hashes. A stored hash never changes once written (the tables
// are append-only), so a copy read from committed data stays valid for the life of the process.
// Two tiers, both packed (32 bytes per hash in preallocated pages, a Map from index to slot):
//  - upper: every hash at height ≥ pinLevel — the few hashes every proof touches. pinLevel is the
//    lowest height whose hashes, for the largest tree seen, fit in `maxUpper`; it rises as the log
//    grows (lower heights are then dropped), so memory stays bounded.
//  - recent: the other heights, least recently used evicted beyond `maxRecent`.
// Only the caller knows whether a hash is committed: put() only what was read outside any
// transaction (see EvidenceLog). Pure: no I/O.
import { HASH_SIZE, ProofError, type Hash } from './merkle';
import { splitStoredHashIndex, storedHashIndex } from './stored-hashes';

export interface HashCacheOptions {
  /** Most hashes kept in the upper tier (default 131,072 = 4 MiB of hashes). */
  maxUpper?: number;
  /** Most hashes kept in the least-recently-used tier (default 65,536 = 2 MiB of hashes). */
  maxRecent?: number;
}

const PAGE = 1 << 12; // hashes per page (128 KiB)

/** Fixed-capacity packed slots: slot s holds 32 bytes at pages[s / PAGE]. */
class Slots {
  readonly #pages: Uint8Array[] = [];
  readonly #free: number[] = [];
  #next = 0;

  constructor(readonly capacity: number) {}

  get used(): number {
    return this.#next - this.#free.length;
  }

  /** A free slot, or -1 when full. */
  alloc(): number {
    if (this.#free.length > 0) return this.#free.pop()!;
    if (this.#next >= this.capacity) return -1;
    const s = this.#next++;
    if (Math.floor(s / PAGE) === this.#pages.length) this.#pages.push(new Uint8Array(PAGE * HASH_SIZE));
    return s;
  }

  release(s: number): void {
    this.#free.push(s);
  }

  write(s: number, h: Hash): void {
    this.#pages[Math.floor(s / PAGE)].set(h, (s % PAGE) * HASH_SIZE);
  }

  /** A copy, so callers can never alter the cache. */
  read(s: number): Hash {
    const off = (s % PAGE) * HASH_SIZE;
    return this.#pages[Math.floor(s / PAGE)].slice(off, off + HASH_SIZE);
  }

  clear(): void {
    this.#pages.length = 0;
    this.#free.length = 0;
    this.#next = 0;
  }
}

/** Hashes at height ≥ level in a tree of `size` leaves: Σ floor(size / 2^l). */
export function hashesAtOrAbove(level: number, size: number): number {
  let n = 0;
  for (let l = level; 2 ** l <= size; l++) n += Math.floor(size / 2 ** l);
  return n;
}

export class StoredHashCache {
  readonly maxUpper: number;
  readonly maxRecent: number;
  #pinLevel = 0;
  #largest = 0;
  readonly #upper = new Map<number, number>(); // index → slot
  readonly #upperSlots: Slots;
  readonly #recent = new Map<number, number>(); // index → slot, oldest first
  readonly #recentSlots: Slots;
  hits = 0;
  misses = 0;

  constructor(opts: HashCacheOptions = {}) {
    this.maxUpper = Math.max(0, Math.floor(opts.maxUpper ?? 1 << 17));
    this.maxRecent = Math.max(0, Math.floor(opts.maxRecent ?? 1 << 16));
    this.#upperSlots = new Slots(this.maxUpper);
    this.#recentSlots = new Slots(this.maxRecent);
  }

  /** Heights at or above this are kept in the upper tier. */
  get pinLevel(): number {
    return this.#pinLevel;
  }

  /** Hashes held (both tiers). */
  get size(): number {
    return this.#upper.size + this.#recent.size;
  }

  /** Bytes of hash storage allocated (the Maps add roughly 40 bytes per entry). */
  get bytes(): number {
    return (Math.ceil(this.#upperSlots.used / PAGE) + Math.ceil(this.#recentSlots.used / PAGE)) * PAGE * HASH_SIZE;
  }

  /** Tells the cache how large the tree has grown: raises pinLevel when the upper heights no longer fit. */
  grow(size: number): void {
    if (size <= this.#largest) return;
    this.#largest = size;
    let level = this.#pinLevel;
    while (hashesAtOrAbove(level, size) > this.maxUpper && level < 63) level++;
    if (level === this.#pinLevel) return;
    this.#pinLevel = level;
    for (const [index, slot] of this.#upper) {
      if (splitStoredHashIndex(index)[0] >= level) continue;
      this.#upperSlots.release(slot);
      this.#upper.delete(index);
    }
  }

  get(index: number): Hash | undefined {
    const u = this.#upper.get(index);
    if (u !== undefined) {
      this.hits++;
      return this.#upperSlots.read(u);
    }
    const r = this.#recent.get(index);
    if (r !== undefined) {
      this.hits++;
      this.#recent.delete(index); // most recently used goes last
      this.#recent.set(index, r);
      return this.#recentSlots.read(r);
    }
    this.misses++;
    return undefined;
  }

  has(index: number): boolean {
    return this.#upper.has(index) || this.#recent.has(index);
  }

  /**
   * Remembers a committed stored hash. Upper heights always (while they fit); the others only with
   * `recent` (tile reads pass false, so one tile does not flush the working set).
   */
  put(index: number, hash: Hash, recent = true, level = splitStoredHashIndex(index)[0]): void {
    if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) throw new ProofError('cache: not a 32-byte hash');
    if (this.has(index)) return;
    if (level >= this.#pinLevel) {
      const s = this.#upperSlots.alloc();
      if (s >= 0) {
        this.#upperSlots.write(s, hash);
        this.#upper.set(index, s);
        return;
      }
    }
    if (!recent || this.maxRecent === 0) return;
    let s = this.#recentSlots.alloc();
    if (s < 0) {
      const oldest = this.#recent.keys().next().value as number;
      s = this.#recent.get(oldest)!;
      this.#recent.delete(oldest);
    }
    this.#recentSlots.write(s, hash);
    this.#recent.set(index, s);
  }

  /** Stored-hash indexes at height ≥ pinLevel of the complete subtrees that end in leaves (from, to]: what warm-up loads. */
  upperIndexes(from: number, to: number): { index: number; level: number }[] {
    const out: { index: number; level: number }[] = [];
    for (let l = this.#pinLevel; 2 ** l <= to; l++) {
      const span = 2 ** l;
      for (let k = Math.floor(from / span); k < Math.floor(to / span); k++) out.push({ index: storedHashIndex(l, k), level: l });
    }
    return out;
  }

  clear(): void {
    this.#upper.clear();
    this.#recent.clear();
    this.#upperSlots.clear();
    this.#recentSlots.clear();
  }
}
