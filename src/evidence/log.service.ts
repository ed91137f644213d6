// The evidence log over the database: appends leaves (one appender at a time), stores the tlog
// stored hashes, signs a checkpoint after every batch, and answers proofs and tiles from the stored
// hashes. Every append runs inside the caller's transaction, so the evidence row, custody event,
// leaf, hashes and checkpoint commit together or not at all.
import type { Db } from '../db';
import {
  decodeLeaf, encodeEntryBundle, leafHash, ProofError, recordProofFromHashes, recordProofIndexes, signCheckpoint,
  storedHashCount, storedHashesFromHashes, storedHashesIndexes, storedHashIndex, TILE_HEIGHT, TILE_WIDTH,
  tileDataFromHashes, tileHashIndexes, toBase64, treeHashFromHashes, treeHashIndexes, treeProofFromHashes,
  treeProofIndexes, type Hash, type LogEntry, type Tile,
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

export class EvidenceLog {
  /** Largest checkpoint size seen (checkpoints only grow), so proofs for known sizes skip a query. */
  #published = 0;

  constructor(
    private readonly db: Db,
    private readonly kind: 'pglite' | 'postgres',
    readonly origin: string,
    readonly key: LogKeyHolder,
  ) {}

  /** Appends leaves and signs a checkpoint; call inside a transaction (`tx`). */
  async append(tx: Db, leaves: readonly Uint8Array[], at = new Date().toISOString()): Promise<AppendResult> {
    if (leaves.length === 0) throw new ProofError('nothing to append');
    const { signer } = await this.key.get(tx);
    await logRepository.lock(tx, this.kind);
    const first = await logRepository.size(tx);
    const oldCount = storedHashCount(first);
    const size = first + leaves.length;
    // Every stored hash the batch needs from before it: the frontier of complete subtrees and the root plan.
    const need = new Set<number>();
    for (let n = first; n < size; n++) for (const i of storedHashesIndexes(n)) if (i < oldCount) need.add(i);
    for (const i of treeHashIndexes(size)) if (i < oldCount) need.add(i);
    const old = new Map<number, Hash>();
    const needList = [...need];
    (await logRepository.readHashes(tx, needList)).forEach((h, k) => old.set(needList[k], h));
    const fresh: Hash[] = [];
    const read = (indexes: readonly number[]): Hash[] => indexes.map((i) => (i < oldCount ? old.get(i)! : fresh[i - oldCount]));
    const leafHashes: Hash[] = [];
    for (let k = 0; k < leaves.length; k++) {
      const n = first + k;
      const lh = leafHash(leaves[k]);
      leafHashes.push(lh);
      for (const h of storedHashesFromHashes(n, lh, read(storedHashesIndexes(n)))) fresh.push(h);
    }
    await logRepository.insertLeaves(tx, first, leaves, leafHashes);
    await logRepository.insertHashes(tx, oldCount, fresh);
    const root = treeHashFromHashes(size, read(treeHashIndexes(size)));
    const checkpoint = signCheckpoint({ origin: this.origin, size, rootHash: root }, signer);
    await logRepository.insertCheckpoint(tx, size, root, checkpoint, at);
    return { first, size, leafHashes, checkpoint };
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
    const plan = recordProofIndexes(treeSize, index);
    const [lh, ...hashes] = await logRepository.readHashes(db, [storedHashIndex(0, index), ...plan]);
    return { index, treeSize, leafHash: lh, proof: recordProofFromHashes(treeSize, index, hashes) };
  }

  /** Consistency proof from `size1` to `size2` leaves (default: the latest checkpoint). */
  async consistencyProof(size1: number, size2?: number, db: Db = this.db): Promise<{ size1: number; size2: number; proof: Hash[] }> {
    const to = await this.#checkSize(size2, db);
    if (!Number.isSafeInteger(size1) || size1 < 0 || size1 > to) throw new LogRangeError(`size ${size1} must be between 0 and ${to}`);
    if (size1 === 0 || size1 === to) return { size1, size2: to, proof: [] };
    const hashes = await logRepository.readHashes(db, treeProofIndexes(to, size1));
    return { size1, size2: to, proof: treeProofFromHashes(to, size1, hashes) };
  }

  /** Root hash of the tree of `size` leaves, from stored hashes. */
  async rootAt(size: number, db: Db = this.db): Promise<Hash> {
    return treeHashFromHashes(size, await logRepository.readHashes(db, treeHashIndexes(size)));
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
    return tileDataFromHashes(tile, await logRepository.readHashes(db, tileHashIndexes(tile)));
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
