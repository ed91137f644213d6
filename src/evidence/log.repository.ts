// SQL of the evidence log: leaves, stored hashes (tlog stored-hash index) and signed checkpoints.
// Bulk writes pass one bytea of concatenated values (plus offsets) per statement, which PGlite and
// node-postgres both accept, so a million leaves go in as a few dozen statements.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db';
import { HASH_SIZE, type Hash } from './log/index';

const ROWS_PER_STATEMENT = 20_000;
export const LOG_LOCK_KEY = 7226136; // pg_advisory_xact_lock key of the single log appender

export interface CheckpointRow { size: number; root: Uint8Array; note: string; at: string }
export interface LeafRow { idx: number; data: Uint8Array; hash: Uint8Array }

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
      const part = data.slice(s, s + ROWS_PER_STATEMENT);
      const offs: number[] = [];
      const lens: number[] = [];
      let total = 0;
      for (const d of part) {
        offs.push(total);
        lens.push(d.length);
        total += d.length;
      }
      const blob = Buffer.allocUnsafe(total);
      part.forEach((d, i) => blob.set(d, offs[i]));
      const hs = Buffer.concat(hashes.slice(s, s + part.length));
      await tx.execute(sql`insert into log_leaves (idx, data, hash)
        select ${first + s}::bigint + o.g - 1, substring(${blob}::bytea from o.off + 1 for o.len), substring(${hs}::bytea from (o.g - 1)::int * 32 + 1 for 32)
        from unnest(${sql.param(offs)}::int[], ${sql.param(lens)}::int[]) with ordinality as o(off, len, g)`);
    }
  },

  async insertHashes(tx: Db, first: number, hashes: readonly Hash[]): Promise<void> {
    for (let s = 0; s < hashes.length; s += ROWS_PER_STATEMENT * 2) {
      const part = hashes.slice(s, s + ROWS_PER_STATEMENT * 2);
      const blob = Buffer.concat(part);
      await tx.execute(sql`insert into log_hashes (idx, hash)
        select ${first + s}::bigint + g, substring(${blob}::bytea from g * 32 + 1 for 32) from generate_series(0, ${part.length - 1}::int) g`);
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
