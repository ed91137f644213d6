// Bulk writes with COPY … FROM in PostgreSQL's binary format
// (https://www.postgresql.org/docs/current/sql-copy.html): PGlite reads the rows from a /dev/blob
// attachment, node-postgres streams them with COPY FROM STDIN on the transaction's connection.
// The rows are encoded straight into one buffer: no SQL text, no parameter arrays, no planner.
// COPY fires the same constraints (foreign keys, NOT NULL, checks) and indexes as INSERT, and runs
// in the caller's transaction. When the driver behind a Drizzle handle is not reachable (outside a
// transaction on a pool), `copyIn` answers false and the caller inserts another way.
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db, DatabaseKind } from './connection';

const COPY_SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]; // "PGCOPY\n\377\r\n\0"
const COPY_HEADER = 19; // signature, flags (int32), header extension length (int32)
const TEXT_OID = 25;
/** Days from 1970-01-01 to 2000-01-01, PostgreSQL's date epoch. */
const PG_EPOCH_DAYS = 10957;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Value of each ASCII hex digit; 16 (invalid) for every other character. */
const HEX = Int8Array.from({ length: 128 }, (_, c) => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : 16));

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Writes binary COPY rows into one buffer that grows as needed (give the size when it is known). */
export class CopyWriter {
  #buf: Buffer;
  #o = COPY_HEADER;

  constructor(capacity = 1 << 16) {
    this.#buf = Buffer.allocUnsafe(Math.max(capacity, COPY_HEADER + 2));
    this.#buf.fill(0, 0, COPY_HEADER); // flags and extension length stay 0
    this.#buf.set(COPY_SIGNATURE, 0);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#o;
  }

  #room(n: number): Buffer {
    if (this.#o + n > this.#buf.length) {
      const next = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#o + n));
      this.#buf.copy(next, 0, 0, this.#o);
      this.#buf = next;
    }
    return this.#buf;
  }

  /** Starts a row of `fields` columns. */
  row(fields: number): this {
    this.#o = this.#room(2).writeInt16BE(fields, this.#o);
    return this;
  }

  null(): this {
    this.#o = this.#room(4).writeInt32BE(-1, this.#o);
    return this;
  }

  int2(n: number): this {
    const b = this.#room(6);
    b.writeInt32BE(2, this.#o);
    this.#o = b.writeInt16BE(n, this.#o + 4);
    return this;
  }

  int4(n: number): this {
    const b = this.#room(8);
    b.writeInt32BE(4, this.#o);
    this.#o = b.writeInt32BE(n, this.#o + 4);
    return this;
  }

  int8(n: number): this {
    const b = this.#room(12);
    b.writeInt32BE(8, this.#o);
    if (n >= 0 && Number.isSafeInteger(n)) {
      b.writeUInt32BE(Math.floor(n / 2 ** 32), this.#o + 4);
      b.writeUInt32BE(n >>> 0, this.#o + 8);
    } else {
      b.writeBigInt64BE(BigInt(n), this.#o + 4);
    }
    this.#o += 12;
    return this;
  }

  float8(n: number): this {
    const b = this.#room(12);
    b.writeInt32BE(8, this.#o);
    this.#o = b.writeDoubleBE(n, this.#o + 4);
    return this;
  }

  bool(v: boolean): this {
    const b = this.#room(5);
    b.writeInt32BE(1, this.#o);
    b[this.#o + 4] = v ? 1 : 0;
    this.#o += 5;
    return this;
  }

  bytea(v: Uint8Array, from = 0, to = v.length): this {
    const b = this.#room(4 + to - from);
    b.writeInt32BE(to - from, this.#o);
    b.set(from === 0 && to === v.length ? v : v.subarray(from, to), this.#o + 4);
    this.#o += 4 + to - from;
    return this;
  }

  /** Text as UTF-8 (text, varchar; json with `prefix` 1 for jsonb's version byte). */
  text(s: string, prefix?: number): this {
    const len = s.length;
    const start = this.#o + 4;
    const b = this.#room(5 + len * 3);
    let o = start;
    if (prefix !== undefined) b[o++] = prefix;
    const from = o;
    let i = 0;
    if (len <= 64) {
      // short strings (most cells): encoded here, cheaper than a call into the native encoder
      for (; i < len; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x80) b[o++] = c;
        else if (c < 0x800) { b[o++] = 0xc0 | (c >> 6); b[o++] = 0x80 | (c & 63); }
        else if (c < 0xd800 || c > 0xdfff) { b[o++] = 0xe0 | (c >> 12); b[o++] = 0x80 | ((c >> 6) & 63); b[o++] = 0x80 | (c & 63); }
        else break; // a surrogate: the native encoder handles pairs (and lone ones, as U+FFFD)
      }
    }
    if (i < len) o = from + b.write(s, from, 'utf8');
    b.writeInt32BE(o - start, start - 4);
    this.#o = o;
    return this;
  }

  jsonb(json: string): this {
    return this.text(json, 1);
  }

  /** A canonical uuid text (8-4-4-4-12 hex digits). */
  uuid(s: string): this {
    if (s.length !== 36) throw new TypeError('COPY: not a uuid');
    const b = this.#room(20);
    b.writeInt32BE(16, this.#o);
    let o = this.#o + 4;
    for (let i = 0; i < 36; i += 2) {
      if (i === 8 || i === 13 || i === 18 || i === 23) {
        if (s.charCodeAt(i) !== 45) throw new TypeError('COPY: not a uuid'); // '-'
        i++;
      }
      const hi = HEX[s.charCodeAt(i) & 127] | (s.charCodeAt(i) >> 7), lo = HEX[s.charCodeAt(i + 1) & 127] | (s.charCodeAt(i + 1) >> 7);
      if ((hi | lo) & ~15) throw new TypeError('COPY: not a uuid');
      b[o++] = (hi << 4) | lo;
    }
    this.#o = o;
    return this;
  }

  /** A calendar day, YYYY-MM-DD. */
  date(s: string): this {
    const m = DATE.exec(s);
    if (!m) throw new TypeError('COPY: not a YYYY-MM-DD date');
    const b = this.#room(8);
    b.writeInt32BE(4, this.#o);
    this.#o = b.writeInt32BE(daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) - PG_EPOCH_DAYS, this.#o + 4);
    return this;
  }

  /** A one-dimensional text[] (elements may be null). */
  textArray(items: readonly (string | null)[]): this {
    const start = this.#o;
    const b = this.#room(4 + 20);
    const hasNull = items.some((x) => x === null);
    b.writeInt32BE(items.length ? 1 : 0, start + 4); // dimensions
    b.writeInt32BE(hasNull ? 1 : 0, start + 8);
    b.writeInt32BE(TEXT_OID, start + 12);
    this.#o = start + 16;
    if (items.length) {
      b.writeInt32BE(items.length, this.#o);
      b.writeInt32BE(1, this.#o + 4); // lower bound
      this.#o += 8;
    }
    for (const x of items) {
      if (x === null) this.null();
      else this.text(x);
    }
    this.#buf.writeInt32BE(this.#o - start - 4, start);
    return this;
  }

  /** The finished COPY data (the writer is not used afterwards). */
  end(): Uint8Array<ArrayBuffer> {
    this.#o = this.#room(2).writeInt16BE(-1, this.#o);
    return new Uint8Array(this.#buf.buffer as ArrayBuffer, this.#buf.byteOffset, this.#o);
  }
}

interface PgliteLike { query(text: string, params: unknown[], opts: { blob: Blob }): Promise<unknown>; exec(text: string): Promise<unknown> }
interface PgConnectionLike { query(text: string): void; sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void; sendCopyFail(msg: string): void }
interface PgClientLike { query(q: unknown): unknown; connection: PgConnectionLike }

/** The driver behind a Drizzle handle (a Drizzle internal, checked before use). */
function driverOf(db: Db): { kind: 'pglite'; client: PgliteLike } | { kind: 'postgres'; client: PgClientLike } | null {
  const c = (db as unknown as { session?: { client?: unknown } }).session?.client as Partial<PgliteLike & PgClientLike> | undefined;
  if (typeof c?.query !== 'function') return null;
  if (c.connection) return typeof c.connection.sendCopyFromChunk === 'function' ? { kind: 'postgres', client: c as PgClientLike } : null;
  return typeof c.exec === 'function' ? { kind: 'pglite', client: c as PgliteLike } : null; // a pg pool has neither
}

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

/** The COPY driver of a handle is reachable (PGlite, or a node-postgres connection: a transaction). */
export const canCopy = (db: Db): boolean => driverOf(db) !== null;

/**
 * COPY `target` (`table (columns)`, SQL as written) from binary COPY data; false when the driver is
 * not reachable. `kind`, when the caller knows it, must match the driver found.
 */
export async function copyIn(db: Db, target: string, data: Uint8Array<ArrayBuffer>, kind?: DatabaseKind): Promise<boolean> {
  const d = driverOf(db);
  if (!d || (kind && d.kind !== kind)) return false;
  if (d.kind === 'pglite') {
    await d.client.query(`copy ${target} from '/dev/blob' with (format binary)`, [], { blob: new Blob([data]) });
    return true;
  }
  const q = new CopyFromStdin(`copy ${target} from stdin with (format binary)`, data);
  void d.client.query(q);
  await q.done;
  return true;
}

type Encode = (w: CopyWriter, v: unknown) => void;

const toNumber = (v: unknown): number => {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) throw new TypeError('COPY: not a number');
  return n;
};
const toText = (v: unknown): string => (typeof v === 'string' ? v : String(v));

/** Binary encoders by SQL type; a column of any other type makes `copyRows` answer false. */
const ENCODERS: Record<string, Encode> = {
  uuid: (w, v) => w.uuid(toText(v)),
  text: (w, v) => w.text(toText(v)),
  smallint: (w, v) => w.int2(toNumber(v)),
  integer: (w, v) => w.int4(toNumber(v)),
  bigint: (w, v) => w.int8(toNumber(v)),
  bigserial: (w, v) => w.int8(toNumber(v)),
  'double precision': (w, v) => w.float8(toNumber(v)),
  boolean: (w, v) => {
    if (typeof v !== 'boolean') throw new TypeError('COPY: not a boolean');
    w.bool(v);
  },
  date: (w, v) => w.date(toText(v)),
  bytea: (w, v) => w.bytea(v as Uint8Array),
  jsonb: (w, v) => w.jsonb(JSON.stringify(v)),
  json: (w, v) => w.text(JSON.stringify(v)),
  'text[]': (w, v) => w.textArray((v as unknown[]).map((x) => (x == null ? null : toText(x)))),
};

/** Largest COPY payload per statement: bounds the transient memory of a big batch. */
export const COPY_BYTES = 16 << 20;

/**
 * Inserts rows (objects keyed by the Drizzle field names of `table`; the keys of the first row name
 * the columns, undefined is NULL, columns left out take their defaults) with binary COPY. Answers
 * false, having written nothing, when the driver is not reachable or a column's type has no
 * binary encoder here (timestamps…): the caller then inserts another way.
 */
export async function copyRows(db: Db, table: PgTable, rows: readonly Record<string, unknown>[], copyBytes = COPY_BYTES): Promise<boolean> {
  if (rows.length === 0) return true;
  if (!canCopy(db)) return false;
  const all = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0]).filter((k) => all[k] !== undefined);
  const encoders: Encode[] = [];
  for (const k of keys) {
    const enc = ENCODERS[all[k].getSQLType()];
    if (!enc) return false;
    encoders.push(enc);
  }
  const target = `"${getTableName(table)}" (${keys.map((k) => `"${all[k].name}"`).join(', ')})`;
  const n = keys.length;
  let w = new CopyWriter(Math.min(copyBytes, 1 << 20));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    w.row(n);
    for (let i = 0; i < n; i++) {
      const v = row[keys[i]];
      if (v == null) w.null();
      else encoders[i](w, v);
    }
    if (w.length >= copyBytes || r === rows.length - 1) {
      if (!(await copyIn(db, target, w.end()))) throw new Error('COPY driver lost mid-batch');
      if (r < rows.length - 1) w = new CopyWriter(Math.min(copyBytes, 1 << 20));
    }
  }
  return true;
}
