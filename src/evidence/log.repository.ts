// SQL of the evidence log: leaves, stored hashes (tlog stored-hash index) and signed checkpoints.
// Bulk writes use COPY … FROM in PostgreSQL's binary format (PGlite: a /dev/blob attachment;
// node-postgres: COPY FROM STDIN on the transaction's connection), built straight from the bytes
// with no hex or text round trip, a few statements per hundred thousand leaves. When the driver
// behind a Drizzle handle is not reachable (outside a transaction on a pool), the same rows go in
// through INSERT … SELECT over hex text arrays.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db';
import { HASH_SIZE, type Hash } from './log/index';

const ROWS_PER_STATEMENT = 20_000;
/** Largest COPY payload per statement: bounds the transient memory of a big batch. */
const COPY_BYTES = 16 << 20;
export const LOG_LOCK_KEY = 7226136; // pg_advisory_xact_lock key of the single log appender

export interface CheckpointRow { size: number; root: Uint8Array; note: string; at: string }
export interface LeafRow { idx: number; data: Uint8Array; hash: Uint8Array }

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
const bytes = (b: Uint8Array): Uint8Array => (b instanceof Uint8Array ? b : new Uint8Array(b as ArrayBuffer));

// ---- COPY in PostgreSQL's binary format (https://www.postgresql.org/docs/current/sql-copy.html) ----

const COPY_SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]; // "PGCOPY\n\377\r\n\0"
const COPY_HEADER = 19; // signature, flags (int32), header extension length (int32)

/** Writes binary COPY rows of (bigint, bytea…) into one buffer. */
class CopyWriter {
  readonly buf: Uint8Array<ArrayBuffer>;
  readonly #view: DataView;
  #o = COPY_HEADER;

  constructor(bytesOfRows: number) {
    this.buf = new Uint8Array(COPY_HEADER + bytesOfRows + 2);
    this.#view = new DataView(this.buf.buffer);
    this.buf.set(COPY_SIGNATURE, 0); // flags and extension length stay 0
  }

  /** Starts a row of `fields` columns, the first a bigint. */
  row(fields: number, idx: number): this {
    const v = this.#view;
    v.setInt16(this.#o, fields);
    v.setInt32(this.#o + 2, 8);
    v.setUint32(this.#o + 6, Math.floor(idx / 2 ** 32));
    v.setUint32(this.#o + 10, idx >>> 0);
    this.#o += 14;
    return this;
  }

  bytea(b: Uint8Array, from = 0, to = b.length): this {
    this.#view.setInt32(this.#o, to - from);
    this.buf.set(from === 0 && to === b.length ? b : b.subarray(from, to), this.#o + 4);
    this.#o += 4 + to - from;
    return this;
  }

  end(): Uint8Array<ArrayBuffer> {
    this.#view.setInt16(this.#o, -1);
    this.#o += 2;
    if (this.#o !== this.buf.length) throw new Error('COPY buffer size mismatch');
    return this.buf;
  }
}

/** Bytes of one (bigint, bytea…) COPY row. */
const rowBytes = (...byteaLengths: number[]): number => 2 + 4 + 8 + byteaLengths.reduce((a, n) => a + 4 + n, 0);

interface PgliteLike { query(text: string, params: unknown[], opts: { blob: Blob }): Promise<unknown> }
interface PgConnectionLike { query(text: string): void; sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void; sendCopyFail(msg: string): void }
interface PgClientLike { query(q: unknown): unknown; connection: PgConnectionLike }

/** The driver behind a Drizzle handle (a Drizzle internal, checked before use). */
const driverOf = (db: Db): unknown => (db as unknown as { session?: { client?: unknown } }).session?.client;

/** COPY FROM STDIN on one node-postgres connection (what pg-copy-streams does, for one buffer). */
class CopyFromStdin {
  readonly done: Promise<void>;
  #resolve!: () => void;
  #reject!: (e: unknown) => void;
  #error: unknown = null;

  constructor(readonly text: string, readonly data: Uint8Array) {
    this.done = new Promise<void>((res, rej) => {
      this.#resolve = res;
      this.#reject = rej;
    });
  }

  submit(con: PgConnectionLike): void {
    con.query(this.text);
  }

  handleCopyInResponse(con: PgConnectionLike): void {
    try {
      const d = this.data;
      for (let o = 0; o < d.length; o += 1 << 20) con.sendCopyFromChunk(Buffer.from(d.buffer, d.byteOffset + o, Math.min(d.length - o, 1 << 20)));
      con.endCopyFrom();
    } catch (err) {
      this.#error ??= err;
      con.sendCopyFail(String((err as Error)?.message ?? err)); // the server answers with an error, then ReadyForQuery
    }
  }

  handleError(err: unknown): void {
    this.#error ??= err;
    this.#reject(err);
  }

  handleReadyForQuery(): void {
    if (this.#error) this.#reject(this.#error);
    else this.#resolve();
  }

  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** COPY `table (columns)` from a binary COPY buffer; false when the driver is not reachable. */
async function copyIn(tx: Db, kind: 'pglite' | 'postgres', table: string, data: Uint8Array<ArrayBuffer>): Promise<boolean> {
  const client = driverOf(tx);
  if (kind === 'pglite') {
    const c = client as PgliteLike | undefined;
    if (typeof c?.query !== 'function') return false;
    await c.query(`copy ${table} from '/dev/blob' with (format binary)`, [], { blob: new Blob([data]) });
    return true;
  }
  const c = client as PgClientLike | undefined;
  if (typeof c?.query !== 'function' || typeof c.connection?.sendCopyFromChunk !== 'function') return false; // a pool, not a connection
  const q = new CopyFromStdin(`copy ${table} from stdin with (format binary)`, data);
  void c.query(q);
  await q.done;
  return true;
}

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
      const w = new CopyWriter(total);
      for (let k = s; k < e; k++) w.row(3, first + k).bytea(data[k]).bytea(hashes[k]);
      if (!(await copyIn(tx, kind, 'log_leaves (idx, data, hash)', w.end()))) return this.insertLeaves(tx, first, data, hashes);
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
      const w = new CopyWriter((e - s) * rowBytes(HASH_SIZE));
      for (let k = s; k < e; k++) w.row(2, first + k).bytea(packed, k * HASH_SIZE, (k + 1) * HASH_SIZE);
      if (!(await copyIn(tx, kind, 'log_hashes (idx, hash)', w.end()))) {
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
