import { sql } from 'drizzle-orm';
import { bigint, boolean, date, doublePrecision, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkInsert, canCopy, copyRows, CopyWriter, inTransaction, queryRows, type Db } from '../../src/db';
import { insertUnnest } from '../../src/db/bulk';
import { backends, openTestDatabase } from '../helpers/db';

const columns = (name: string) => pgTable(name, {
  id: uuid('id').notNull(),
  name: text('name'),
  small: smallint('small'),
  count: integer('count').notNull().default(1),
  big: bigint('big', { mode: 'number' }),
  ratio: doublePrecision('ratio'),
  flag: boolean('flag'),
  day: date('day', { mode: 'string' }),
  tags: text('tags').array(),
  diff: jsonb('diff'),
});
const viaCopy = columns('copy_probe_copy');
const viaInsert = columns('copy_probe_insert');
const withTimestamp = pgTable('copy_probe_insert', { id: uuid('id').notNull(), at: timestamp('at', { withTimezone: true, mode: 'string' }) });

const DDL = (name: string) => `create table ${name} (id uuid not null, name text, small smallint, count integer not null default 1, big bigint,
  ratio double precision, flag boolean, day date, tags text[], diff jsonb, at timestamptz)`;

const rows = [
  { id: '0b6e3c1a-6f0e-4c5e-9b1a-7d2f4e8a9c01', name: 'Коваленко Олександр', small: -3, count: 7, big: 2 ** 40 + 5, ratio: 0.1, flag: true, day: '1991-03-14', tags: ['кова', 'oleks', ''], diff: { importId: 'x', note: 'Їжак "quoted" \\ ✓', n: [1, 2.5, null] } },
  { id: '0B6E3C1A-6F0E-4C5E-9B1A-7D2F4E8A9C02', name: '', small: 32767, count: 0, big: -(2 ** 53 - 1), ratio: -1e300, flag: false, day: '0001-01-01', tags: [], diff: [] },
  { id: '0b6e3c1a-6f0e-4c5e-9b1a-7d2f4e8a9c03', name: 'emoji 🙂 and a lone \ud800 surrogate', small: null, count: 2, big: 0, ratio: null, flag: null, day: '2024-02-29', tags: ['a', null, 'b'], diff: null },
  { id: '0b6e3c1a-6f0e-4c5e-9b1a-7d2f4e8a9c04', name: 'ʼ'.repeat(40) + 'long '.repeat(30) + 'Ω', small: 1, count: 3, big: 9_007_199_254_740_991, ratio: 3.5, flag: true, day: '9999-12-31', tags: null, diff: 'a json string' },
  { id: '0b6e3c1a-6f0e-4c5e-9b1a-7d2f4e8a9c05', name: null, small: 0, count: 4, big: null, ratio: 0, flag: false, day: null, tags: ['tab\there', 'new\nline'], diff: { deep: { x: 'ґ' } } },
];

const read = (db: Db, table: string) => queryRows<Record<string, unknown>>(db,
  sql.raw(`select id::text, name, small, count, big::text, ratio, flag, day::text, tags, diff::text, at from ${table} order by id`));

describe.each(backends())('binary COPY on %s', (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    d = await openTestDatabase(kind);
    await d.db.execute(sql.raw(DDL('copy_probe_copy')));
    await d.db.execute(sql.raw(DDL('copy_probe_insert')));
  });
  afterAll(async () => d?.dispose());

  it('writes every supported type as INSERT does', async () => {
    await inTransaction(d.db, async (tx) => {
      expect(await copyRows(tx, viaCopy, rows, 200)).toBe(true); // 200 bytes: one COPY statement per row or two
      await insertUnnest(tx, viaInsert, rows);
    });
    const copied = await read(d.db, 'copy_probe_copy');
    expect(copied).toEqual(await read(d.db, 'copy_probe_insert'));
    expect(copied).toHaveLength(rows.length);
    expect(copied[0].name).toBe('Коваленко Олександр');
    expect(copied[3].name).toBe(rows[3].name);
    expect(copied[2].name).toBe('emoji 🙂 and a lone \ufffd surrogate');
    expect(copied[1].big).toBe(String(-(2 ** 53 - 1)));
  });

  it('takes defaults for columns left out, and rolls back with the transaction', async () => {
    await d.db.execute(sql.raw('truncate copy_probe_copy'));
    await expect(inTransaction(d.db, async (tx) => {
      await bulkInsert(tx, viaCopy, [{ id: rows[0].id }, { id: rows[1].id }]);
      const [{ n }] = await queryRows<{ n: number }>(tx, sql.raw('select sum(count)::int as n from copy_probe_copy'));
      expect(n).toBe(2);
      throw new Error('undo');
    })).rejects.toThrow('undo');
    expect(await read(d.db, 'copy_probe_copy')).toEqual([]);
  });

  it('refuses what is not a uuid or a date, and a column it has no encoder for', async () => {
    await inTransaction(d.db, async (tx) => {
      await expect(copyRows(tx, viaCopy, [{ id: '0b6e3c1a-6f0e-4c5e-9b1a-7d2f4e8a9c0g' }])).rejects.toThrow('not a uuid');
      await expect(copyRows(tx, viaCopy, [{ id: '0b6e3c1a@6f0e-4c5e-9b1a-7d2f4e8a9c01' }])).rejects.toThrow('not a uuid');
      await expect(copyRows(tx, viaCopy, [{ id: rows[0].id, day: '1991-3-14' }])).rejects.toThrow('not a YYYY-MM-DD date');
      expect(await copyRows(tx, withTimestamp, [{ id: rows[0].id, at: '2024-01-01T00:00:00Z' }])).toBe(false);
    });
  });

  it('is reachable in a transaction; bulkInsert falls back to INSERT where it is not', async () => {
    await d.db.execute(sql.raw('truncate copy_probe_insert'));
    await inTransaction(d.db, async (tx) => expect(canCopy(tx)).toBe(true));
    expect(canCopy(d.db)).toBe(kind === 'pglite'); // a node-postgres pool is not one connection
    await bulkInsert(d.db, viaInsert, rows.slice(0, 2));
    await bulkInsert(d.db, withTimestamp, [{ id: rows[2].id, at: '2024-01-01T00:00:00Z' }]);
    expect((await read(d.db, 'copy_probe_insert')).map((r) => r.id)).toEqual(rows.slice(0, 3).map((r) => r.id.toLowerCase()));
  });
});

describe('CopyWriter', () => {
  it('grows its buffer and frames rows as PostgreSQL reads them', () => {
    const w = new CopyWriter(8);
    w.row(2).int8(2 ** 33 + 1).text('ї'.repeat(100));
    const out = w.end();
    expect(Buffer.from(out.subarray(0, 11)).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
    expect(out.length).toBe(19 + 2 + 12 + 4 + 200 + 2);
    expect(Buffer.from(out).readInt16BE(out.length - 2)).toBe(-1);
  });
});
