import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, runMigrations, schema } from '../../src/db';
import { backends, dbMessage, openTestDatabase } from '../helpers/db';

const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v);

describe.each(backends())('migrations on %s', (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => { d = await openTestDatabase(kind); });
  afterAll(async () => d?.dispose());

  it('create every table and column of the Drizzle schema', async () => {
    const cols = await queryRows<{ table_name: string; column_name: string }>(d.db,
      `select table_name, column_name from information_schema.columns where table_schema = 'public'`);
    const have = new Set(cols.map((c) => `${c.table_name}.${c.column_name}`));
    expect(tables.length).toBeGreaterThan(20);
    for (const t of tables) {
      const cfg = getTableConfig(t);
      for (const c of cfg.columns) expect(have.has(`${cfg.name}.${c.name}`), `${cfg.name}.${c.name}`).toBe(true);
    }
  });

  it('install the search extensions and the allegation vocabulary', async () => {
    const ext = await queryRows<{ extname: string }>(d.db, `select extname from pg_extension`);
    expect(ext.map((e) => e.extname)).toEqual(expect.arrayContaining(['pg_trgm', 'unaccent', 'fuzzystrmatch']));
    const [{ n }] = await queryRows<{ n: number }>(d.db, `select count(*)::int as n from allegation_types`);
    expect(n).toBe(15);
    const [{ s }] = await queryRows<{ s: number }>(d.db, `select similarity('kovalenko', 'kowalenko')::float8 as s`);
    expect(s).toBeGreaterThan(0.3);
  });

  it('are idempotent: running them again changes nothing', async () => {
    const before = await queryRows<{ n: number }>(d.db, `select count(*)::int as n from drizzle.__drizzle_migrations`);
    await runMigrations(d);
    const after = await queryRows<{ n: number }>(d.db, `select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(after).toEqual(before);
  });

  it('make evidence tables append-only in the database itself', async () => {
    await d.db.execute(`insert into log_leaves (idx, data, hash) values (0, '\\x00', '\\x00')`);
    for (const stmt of [`update log_leaves set data = '\\x01' where idx = 0`, `delete from log_leaves where idx = 0`, `truncate log_leaves`]) {
      const err = await d.db.execute(stmt).then(() => null, (e: unknown) => e);
      expect(dbMessage(err), stmt).toMatch(/append-only/);
    }
    const [{ n }] = await queryRows<{ n: number }>(d.db, `select count(*)::int as n from log_leaves`);
    expect(n).toBe(1);
  });
});
