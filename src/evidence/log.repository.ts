// SQL of the evidence log: leaves, stored hashes (tlog stored-hash index) and signed checkpoints.
// Bulk writes use binary COPY (copyIn, src/db/copy.ts), built straight from the bytes with no hex
// or text round trip, a few statements per hundred thousand leaves. When the driver behind a
// Drizzle handle is not reachable (outside a transaction on a pool), the same rows go in through
// INSERT … SELECT over hex text arrays.
import { sql } from 'drizzle-orm';
import { COPY_BYTES, copyIn, CopyWriter, queryRows, type Db } from '../db';
import { HASH_SIZE, type Hash } from './log/index';

const ROWS_PER_STATEMENT = 20_000;
export const LOG_LOCK_KEY = 7226136; // pg_advisory_xact_lock key of the single log appender

export interface CheckpointRow { size: number; root: Uint8Array; note: string; at: string }
export interface LeafRow { idx: number; data: Uint8Array; hash: Uint8Array }

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
const bytes = (b: Uint8Array): Uint8Array => (b instanceof Uint8Array ? b : new Uint8Array(b as ArrayBuffer));

/** Bytes of one (bigint, bytea…) binary COPY row. */
const rowBytes = (...byteaLengths: number[]): number => 2 + 4 + 8 + byteaLengths.reduce((a, n) => a + 4 + n, 0);
/** Binary COPY header and trailer. */
const COPY_FRAME = 19 + 2;

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

  /** Leaves in the log and the latest checkpoint, in one query (the appender's starting point). */
  async head(db: Db): Promise<{ size: number; checkpoint: { size: number; root: Uint8Array } | null }> {
    const [r] = await queryRows<{ n: string | number; size: string | number | null; root: Uint8Array | null }>(db, sql`select (select coalesce(max(idx) + 1, 0) from log_leaves)::bigint as n, c.size, c.root
      from (select 1) one left join lateral (select size, root from checkpoints order by size desc limit 1) c on true`);
    return { size: Number(r.n), checkpoint: r.size == null || !r.root ? null : { size: Number(r.size), root: bytes(r.root) } };
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

  /** Writes leaves first, first+1, … with their leaf hashes (binary COPY; INSERT when the driver is out of reach). */
  async writeLeaves(tx: Db, kind: 'pglite' | 'postgres', first: number, data: readonly Uint8Array[], hashes: readonly Hash[], copyBytes = COPY_BYTES): Promise<void> {
    if (data.length !== hashes.length) throw new Error('one leaf hash per leaf');
    for (let s = 0; s < data.length;) {
      let e = s;
      let total = 0;
      while (e < data.length && (e === s || total + rowBytes(data[e].length, HASH_SIZE) <= copyBytes)) total += rowBytes(data[e++].length, HASH_SIZE);
      const w = new CopyWriter(COPY_FRAME + total);
      for (let k = s; k < e; k++) w.row(3).int8(first + k).bytea(data[k]).bytea(hashes[k]);
      if (!(await copyIn(tx, 'log_leaves (idx, data, hash)', w.end(), kind))) return this.insertLeaves(tx, first, data, hashes);
      s = e;
    }
  },

  /** Writes stored hashes first, first+1, … from 32-byte hashes packed end to end. */
  async writeHashes(tx: Db, kind: 'pglite' | 'postgres', first: number, packed: Uint8Array, copyBytes = COPY_BYTES): Promise<void> {
    if (packed.length % HASH_SIZE !== 0) throw new Error('packed hashes must be a multiple of 32 bytes');
    const count = packed.length / HASH_SIZE;
    const perCopy = Math.max(1, Math.floor(copyBytes / rowBytes(HASH_SIZE)));
    for (let s = 0; s < count; s += perCopy) {
      const e = Math.min(count, s + perCopy);
      const w = new CopyWriter(COPY_FRAME + (e - s) * rowBytes(HASH_SIZE));
      for (let k = s; k < e; k++) w.row(2).int8(first + k).bytea(packed, k * HASH_SIZE, (k + 1) * HASH_SIZE);
      if (!(await copyIn(tx, 'log_hashes (idx, hash)', w.end(), kind))) {
        const rest: Hash[] = [];
        for (let k = s; k < count; k++) rest.push(packed.subarray(k * HASH_SIZE, (k + 1) * HASH_SIZE));
        return this.insertHashes(tx, first + s, rest);
      }
    }
  },

  /** INSERT fallback of writeLeaves (hex text arrays). */
  async insertLeaves(tx: Db, first: number, data: readonly Uint8Array[], hashes: readonly Hash[]): Promise<void> {
    for (let s = 0; s < data.length; s += ROWS_PER_STATEMENT) {
      const d = data.slice(s, s + ROWS_PER_STATEMENT).map(hex);
      const h = hashes.slice(s, s + ROWS_PER_STATEMENT).map(hex);
      await tx.execute(sql`insert into log_leaves (idx, data, hash)
        select ${first + s}::bigint + o.g - 1, decode(o.d, 'hex'), decode(o.h, 'hex')
        from unnest(${sql.param(d)}::text[], ${sql.param(h)}::text[]) with ordinality as o(d, h, g)`);
    }
  },

  /** INSERT fallback of writeHashes (hex text arrays). */
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
