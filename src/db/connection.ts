import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as schema from './schema';
import { queryRows } from './tx';
import { acquireFolderLock, type FolderLock } from './lock';

export type Schema = typeof schema;
/** The Drizzle handle; a transaction is one too, so repositories accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Human description without credentials, e.g. "PGlite at ./vigil-data/db" or "PostgreSQL 15.4 at host:5432/db". */
  describe(): Promise<string>;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export interface OpenOptions {
  /** PostgreSQL connection string; when absent PGlite is used. */
  url?: string;
  /** PGlite data folder; absent means in memory. */
  pgliteDir?: string;
  /** Run pending migrations (default true). */
  migrate?: boolean;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const database = opts.url ? await openPostgres(opts.url) : await openPglite(opts.pgliteDir);
  if (opts.migrate !== false) {
    try {
      await runMigrations(database);
    } catch (err) {
      await database.close();
      throw err;
    }
  }
  return database;
}

async function openPglite(dir?: string): Promise<Database & { client: PGlite }> {
  let lock: FolderLock | undefined;
  if (dir) lock = await acquireFolderLock(dir);
  try {
    const client = await PGlite.create(dir ?? 'memory://', { extensions: { pg_trgm, unaccent, fuzzystrmatch } });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      client,
      kind: 'pglite',
      describe: async () => `PGlite (PostgreSQL ${await serverVersion(db)}) ${dir ? `at ${dir}` : 'in memory'}`,
      close: async () => {
        await client.close();
        await lock?.release();
      },
    };
  } catch (err) {
    await lock?.release();
    throw err;
  }
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  pool.on('error', () => {}); // idle client errors surface on the next query
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const u = new URL(url);
  return {
    db,
    kind: 'postgres',
    describe: async () => `PostgreSQL ${await serverVersion(db)} at ${u.hostname}:${u.port || 5432}${u.pathname}`,
    close: () => pool.end(),
  };
}

async function serverVersion(db: Db): Promise<string> {
  const r = await queryRows<{ server_version: string }>(db, 'show server_version');
  return String(r[0]?.server_version ?? '?').split(' ')[0];
}

export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
  } else {
    // One migrator at a time per server, even when several processes start together.
    await database.db.execute('select pg_advisory_lock(7226135)');
    try {
      await migratePg(database.db as never, { migrationsFolder });
    } finally {
      await database.db.execute('select pg_advisory_unlock(7226135)');
    }
  }
}
