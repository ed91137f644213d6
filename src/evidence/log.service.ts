// The evidence log over the database: appends leaves (one appender at a time), stores the tlog
// stored hashes, signs a checkpoint after every batch, and answers proofs and tiles from the stored
// hashes. Every append runs inside the caller's transaction, so the evidence row, custody event,
// leaf, hashes and checkpoint commit together or not at all.
//
// Appends work from the frontier (the ≤ log₂ n hashes of the tree's maximal complete subtrees):
// a batch's new stored hashes are computed in memory and written with binary COPY. Proofs read
// through a bounded cache of immutable stored hashes (StoredHashCache) and fetch whatever it lacks
// in one query.
import type { Db } from '../db';
import {
  appendBatch, bytesEqual, decodeLeaf, encodeEntryBundle, leafHash, ProofError, recordProofFromHashes, recordProofIndexes,
  signCheckpoint, storedHashCount, StoredHashCache, storedHashIndex, TILE_HEIGHT,
  TILE_WIDTH, tileDataFromHashes, tileHashIndexes, toBase64, treeHashFromHashes, treeHashIndexes, treeProofFromHashes,
  treeProofIndexes, type Hash, type HashCacheOptions, type LogEntry, type Tile,
} from './log/index';
import type { LogKeyHolder } from './log-key';
import { logRepository, type CheckpointRow } from './log.repository';

export interface AppendResult {
  /** Index of the first appended leaf. */
  first: number;
  /** Tree size after the append. */
  size: number;
  leafHashes: Hash[];
  /** The signed checkpoint note for the new size. */
  checkpoint: string;
}

export class LogRangeError extends Error {
  override name = 'LogRangeError';
  readonly status = 400;
  /** For the server's problem+json mapping. */
  readonly statusCode = 400;
  readonly code = 'Not in the log';
}

/** Indexes per warm-up query. */
const WARM_CHUNK = 4096;

export class EvidenceLog {
  /** Largest checkpoint size seen (checkpoints only grow), so proofs for known sizes skip a query. */
  #published = 0;
  /** Immutable stored hashes read from committed data (never from inside a transaction). */
  readonly cache: StoredHashCache;
  /** The frontier after this process's last append; reused when the head checkpoint still has its root. */
  #frontier: { size: number; root: Hash; hashes: Hash[] } | null = null;
  /** Leaves whose upper-level hashes the cache has loaded (warm-up), and the warm-up under way. */
  #warmedTo = 0;
  #warming: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly kind: 'pglite' | 'postgres',
    readonly origin: string,
    readonly key: LogKeyHolder,
    cacheOptions: HashCacheOptions = {},
  ) {
    this.cache = new StoredHashCache(cacheOptions);
  }

  /**
   * Appends a batch of leaves and signs one checkpoint for it; call inside a transaction (`tx`).
   * Reads only the frontier (from memory when the head checkpoint matches this process's last
   * append, otherwise ≤ log₂ n hashes in one query), computes every new stored hash in memory, and
   * writes leaves and hashes with a few binary COPY statements.
   */
  async appendMany(tx: Db, leaves: readonly Uint8Array[], at = new Date().toISOString()): Promise<AppendResult> {
    if (leaves.length === 0) throw new ProofError('nothing to append');
    const { signer } = await this.key.get(tx);
    await logRepository.lock(tx, this.kind);
    const head = await logRepository.head(tx);
    const first = head.size;
    const frontier = await this.#frontierAt(tx, first, head.checkpoint);
    const leafHashes = leaves.map(leafHash);
    const batch = appendBatch(first, frontier, leafHashes);
    await logRepository.writeLeaves(tx, this.kind, first, leaves, leafHashes);
    await logRepository.writeHashes(tx, this.kind, storedHashCount(first), batch.hashes);
    const checkpoint = signCheckpoint({ origin: this.origin, size: batch.size, rootHash: batch.root }, signer);
    await logRepository.insertCheckpoint(tx, batch.size, batch.root, checkpoint, at);
    // Not committed yet: kept aside, and trusted later only if the head checkpoint carries this root.
    this.#frontier = { size: batch.size, root: batch.root, hashes: batch.frontier };
    return { first, size: batch.size, leafHashes, checkpoint };
  }

  /** The same as appendMany (one leaf or many: one checkpoint per call). */
  append(tx: Db, leaves: readonly Uint8Array[], at?: string): Promise<AppendResult> {
    return this.appendMany(tx, leaves, at);
  }

  /** The hashes of treeHashIndexes(size) as of this transaction. */
  async #frontierAt(tx: Db, size: number, head: { size: number; root: Uint8Array } | null): Promise<Hash[]> {
    const f = this.#frontier;
    // The head checkpoint was written with the leaves and hashes it covers; a frontier hashing to
    // its root is that tree's frontier (a rolled-back append leaves a root no checkpoint has).
    if (f && f.size === size && head?.size === size && bytesEqual(head.root, f.root)) return f.hashes;
    return this.#read(tx, treeHashIndexes(size));
  }

  /**
   * Stored hashes by index: cached ones from memory, the rest in one query. What is read through the
   * log's own handle (committed data; PGlite runs it after any open transaction) is remembered;
   * what is read inside a transaction may be uncommitted and is not.
   */
  async #read(db: Db, indexes: readonly number[], recent = true): Promise<Hash[]> {
    const out = new Array<Hash>(indexes.length);
    const missing: number[] = [];
    for (let k = 0; k < indexes.length; k++) {
      const h = this.cache.get(indexes[k]);
      if (h) out[k] = h;
      else missing.push(indexes[k]);
    }
    if (missing.length === 0) return out;
    const read = await logRepository.readHashes(db, missing);
    const byIndex = new Map<number, Hash>();
    missing.forEach((i, k) => byIndex.set(i, read[k]));
    if (db === this.db) for (const [i, h] of byIndex) this.cache.put(i, h, recent);
    for (let k = 0; k < indexes.length; k++) out[k] ??= byIndex.get(indexes[k])!;
    return out;
  }

  /**
   * Loads the upper-level stored hashes (heights ≥ the cache's pin level) of the published tree,
   * a few large queries, so proofs then read only their lowest few hashes from the database.
   * Runs once per growth of the log; proofs start it in the background.
   */
  warmCache(): Promise<void> {
    this.#warming ??= (async () => {
      try {
        for (;;) {
          const size = await this.publishedSize();
          if (size <= this.#warmedTo) return;
          this.cache.grow(size);
          const want = this.cache.upperIndexes(this.#warmedTo, size).filter((x) => !this.cache.has(x.index));
          for (let s = 0; s < want.length; s += WARM_CHUNK) {
            const chunk = want.slice(s, s + WARM_CHUNK);
            const hashes = await logRepository.readHashes(this.db, chunk.map((x) => x.index));
            chunk.forEach((x, k) => this.cache.put(x.index, hashes[k], false, x.level));
          }
          this.#warmedTo = size;
        }
      } finally {
        this.#warming = null;
      }
    })();
    return this.#warming;
  }

  /** Starts the warm-up in the background when the published tree has outgrown it. */
  #maybeWarm(size: number, db: Db): void {
    if (db !== this.db || size <= this.#warmedTo || this.#warming) return;
    this.cache.grow(size);
    this.warmCache().catch(() => {}); // proofs still work without it; the next one retries
  }

  async verifierKey(): Promise<string> {
    return (await this.key.get(this.db)).verifierKey;
  }

  latest(db: Db = this.db): Promise<CheckpointRow | null> {
    return logRepository.latestCheckpoint(db);
  }

  /** Tree size that proofs and tiles are served for: the latest signed checkpoint. */
  async publishedSize(db: Db = this.db): Promise<number> {
    const size = (await logRepository.latestCheckpoint(db))?.size ?? 0;
    if (db === this.db) this.#published = Math.max(this.#published, size);
    return size;
  }

  async #checkSize(size: number | undefined, db: Db): Promise<number> {
    if (size !== undefined && db === this.db && Number.isSafeInteger(size) && size >= 0 && size <= this.#published) return size;
    const published = await this.publishedSize(db);
    const s = size ?? published;
    if (!Number.isSafeInteger(s) || s < 0 || s > published) throw new LogRangeError(`tree size ${s} is not available (the latest checkpoint has ${published} leaves)`);
    return s;
  }

  /** Inclusion proof of leaf `index` in the tree of `size` leaves (default: the latest checkpoint). */
  async inclusionProof(index: number, size?: number, db: Db = this.db): Promise<{ index: number; treeSize: number; leafHash: Hash; proof: Hash[] }> {
    const treeSize = await this.#checkSize(size, db);
    if (!Number.isSafeInteger(index) || index < 0 || index >= treeSize) throw new LogRangeError(`leaf ${index} is not in a tree of ${treeSize} leaves`);
    this.#maybeWarm(treeSize, db);
    const plan = recordProofIndexes(treeSize, index);
    const [lh, ...hashes] = await this.#read(db, [storedHashIndex(0, index), ...plan]);
    return { index, treeSize, leafHash: lh, proof: recordProofFromHashes(treeSize, index, hashes) };
  }

  /** Consistency proof from `size1` to `size2` leaves (default: the latest checkpoint). */
  async consistencyProof(size1: number, size2?: number, db: Db = this.db): Promise<{ size1: number; size2: number; proof: Hash[] }> {
    const to = await this.#checkSize(size2, db);
    if (!Number.isSafeInteger(size1) || size1 < 0 || size1 > to) throw new LogRangeError(`size ${size1} must be between 0 and ${to}`);
    if (size1 === 0 || size1 === to) return { size1, size2: to, proof: [] };
    this.#maybeWarm(to, db);
    const hashes = await this.#read(db, treeProofIndexes(to, size1));
    return { size1, size2: to, proof: treeProofFromHashes(to, size1, hashes) };
  }

  /** Root hash of the tree of `size` leaves, from stored hashes. */
  async rootAt(size: number, db: Db = this.db): Promise<Hash> {
    return treeHashFromHashes(size, await this.#read(db, treeHashIndexes(size)));
  }

  /** A leaf's bytes and what it records. */
  async leaf(index: number, db: Db = this.db): Promise<{ index: number; data: Uint8Array; leafHash: Hash; entry: LogEntry | null }> {
    const [row] = await logRepository.readLeaves(db, index, index + 1);
    if (!row) throw new LogRangeError(`leaf ${index} is not in the log`);
    let entry: LogEntry | null = null;
    try {
      entry = decodeLeaf(row.data);
    } catch {
      entry = null;
    }
    return { index, data: row.data, leafHash: row.hash, entry };
  }

  /** A hash tile, when the latest checkpoint covers it; null otherwise. */
  async tile(tile: Tile, db: Db = this.db): Promise<Uint8Array | null> {
    const size = await this.publishedSize(db);
    const available = Math.floor(size / 2 ** (TILE_HEIGHT * tile.level));
    if (tile.index * TILE_WIDTH + tile.width > available) return null;
    return tileDataFromHashes(tile, await this.#read(db, tileHashIndexes(tile), false));
  }

  /** An entry bundle (leaves index·256 … +width), when the latest checkpoint covers it; null otherwise. */
  async entryBundle(index: number, width: number, db: Db = this.db): Promise<Uint8Array | null> {
    const size = await this.publishedSize(db);
    const from = index * TILE_WIDTH;
    if (from + width > size) return null;
    const rows = await logRepository.readLeaves(db, from, from + width);
    if (rows.length !== width) throw new Error(`leaves ${from}..${from + width - 1} are incomplete in the log`);
    return encodeEntryBundle(rows.map((r) => r.data));
  }
}

export const proofToBase64 = (proof: readonly Hash[]): string[] => proof.map(toBase64);
