// SQL of the evidence log: leaves, stored hashes (tlog stored-hash index) and signed checkpoints.
// Bulk writes pass hex text arrays (unnest), which PGlite and node-postgres both accept, so a
// million leaves go in as a few dozen statements.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db';
import { HASH_SIZE, type Hash } from './log/index';

const ROWS_PER_STATEMENT = 20_000;
export const LOG_LOCK_KEY = 7226136; // pg_advisory_xact_lock key of the single log appender

export interface CheckpointRow { size: number; root: Uint8Array; note: string; at: string }
export interface LeafRow { idx: number; data: Uint8Array; hash: Uint8Array }

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
const bytes = (b: Uint8Array): Uint8Array => (b instanceof Uint8Array ? b : new Uint8Array(b as ArrayBuffer));

export const logRepository = {
  /** Serialises appenders on PostgreSQL until the end of the transaction (PGlite has one connection). */
  async lock(tx: Db, kind: 'pglite' | 'postgres'): Promise<void> {
    if (kind === 'postgres') await tx.execute(sql`select pg_advisory_xact_lock(${LOG_LOCK_KEY})`);
  },

  /** Number of leaves: one past the highest index (the leaves are dense when intact). */
  async size(db: Db): Promise<number> {
    const [r] = await queryRows<{ n: string | number }>(db, sql`select coalesce(max(idx) + 1, 0)::bigint as n from log_leaves`);
    return Number(r.n);
  },

  async hashCount(db: Db): Promise<number> {
    const [r] = await queryRows<{ n: string | number }>(db, sql`select coalesce(max(idx) + 1, 0)::bigint as n from log_hashes`);
    return Number(r.n);
  },

  /** Stored hashes by index, in the order asked; throws when one is missing. */
  async readHashes(db: Db, indexes: readonly number[]): Promise<Hash[]> {
    if (indexes.length === 0) return [];
    const rows = await queryRows<{ idx: string | number; hash: Uint8Array }>(db, sql`select idx, hash from log_hashes where idx = any(${sql.param([...new Set(indexes)])}::bigint[])`);
    const byIdx = new Map(rows.map((r) => [Number(r.idx), bytes(r.hash)]));
    return indexes.map((i) => {
      const h = byIdx.get(i);
      if (!h || h.length !== HASH_SIZE) throw new Error(`stored hash ${i} is missing from the log`);
      return h;
    });
  },

  async insertLeaves(tx: Db, first: number, data: readonly Uint8Array[], hashes: readonly Hash[]): Promise<void> {
    for (let s = 0; s < data.length; s += ROWS_PER_STATEMENT) {
      const d = data.slice(s, s + ROWS_PER_STATEMENT).map(hex);
      const h = hashes.slice(s, s + ROWS_PER_STATEMENT).map(hex);
      await tx.execute(sql`insert into log_leaves (idx, data, hash)
        select ${first + s}::bigint + o.g - 1, decode(o.d, 'hex'), decode(o.h, 'hex')
        from unnest(${sql.param(d)}::text[], ${sql.param(h)}::text[]) with ordinality as o(d, h, g)`);
    }
  },

  async insertHashes(tx: Db, first: number, hashes: readonly Hash[]): Promise<void> {
    for (let s = 0; s < hashes.length; s += ROWS_PER_STATEMENT * 2) {
      const h = hashes.slice(s, s + ROWS_PER_STATEMENT * 2).map(hex);
      await tx.execute(sql`insert into log_hashes (idx, hash)
        select ${first + s}::bigint + o.g - 1, decode(o.h, 'hex') from unnest(${sql.param(h)}::text[]) with ordinality as o(h, g)`);
    }
  },

  async readLeaves(db: Db, from: number, to: number): Promise<LeafRow[]> {
    const rows = await queryRows<{ idx: string | number; data: Uint8Array; hash: Uint8Array }>(db, sql`select idx, data, hash from log_leaves where idx >= ${from} and idx < ${to} order by idx`);
    return rows.map((r) => ({ idx: Number(r.idx), data: bytes(r.data), hash: bytes(r.hash) }));
  },

  /** Stored hashes with index in [from, to), ascending (for verify). */
  async readHashRange(db: Db, from: number, to: number): Promise<{ idx: number; hash: Uint8Array }[]> {
    const rows = await queryRows<{ idx: string | number; hash: Uint8Array }>(db, sql`select idx, hash from log_hashes where idx >= ${from} and idx < ${to} order by idx`);
    return rows.map((r) => ({ idx: Number(r.idx), hash: bytes(r.hash) }));
  },

  async insertCheckpoint(tx: Db, size: number, root: Uint8Array, note: string, at: string): Promise<void> {
    await tx.execute(sql`insert into checkpoints (size, root, note, at) values (${size}, ${Buffer.from(root)}::bytea, ${note}, ${at})`);
  },

  async latestCheckpoint(db: Db): Promise<CheckpointRow | null> {
    const [r] = await queryRows<{ size: string | number; root: Uint8Array; note: string; at: unknown }>(db, sql`select size, root, note, at from checkpoints order by size desc limit 1`);
    return r ? { size: Number(r.size), root: bytes(r.root), note: r.note, at: String(r.at) } : null;
  },

  async checkpoints(db: Db): Promise<CheckpointRow[]> {
    const rows = await queryRows<{ size: string | number; root: Uint8Array; note: string; at: unknown }>(db, sql`select size, root, note, at from checkpoints order by size`);
    return rows.map((r) => ({ size: Number(r.size), root: bytes(r.root), note: r.note, at: String(r.at) }));
  },

  async checkpointCount(db: Db): Promise<number> {
    const [r] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from checkpoints`);
    return Number(r.n);
  },
};
