import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
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
  /** PGlite's memory: see `PgliteMemory` (ignored for PostgreSQL). */
  memory?: PgliteMemory;
}

/**
 * How much memory the embedded database may take. 'default' (servers, imports, linkage, search):
 * PostgreSQL's 128 MB shared_buffers and V8's optimising tier for PostgreSQL's WebAssembly.
 * 'small', for one-shot processes that run a handful of queries (`vigil evidence add`, `vigil log …`):
 * 16 MB shared_buffers (≈ 100 MiB less resident memory) and V8's baseline compiler only
 * (`--liftoff-only`: ≈ 40 MiB less, and no background recompilation; queries run slower, so not
 * for bulk work). The V8 flag holds for every WebAssembly module this process compiles afterwards.
 */
export type PgliteMemory = 'default' | 'small';

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const database = opts.url ? await openPostgres(opts.url) : await openPglite(opts.pgliteDir, opts.memory ?? 'default');
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

async function openPglite(dir: string | undefined, memory: PgliteMemory): Promise<Database & { client: PGlite }> {
  let lock: FolderLock | undefined;
  if (dir) lock = await acquireFolderLock(dir);
  try {
    // Each driver loads only when used (node-postgres ≈ 10 MiB a PGlite process need not carry, and the reverse).
    const [{ PGlite }, { fuzzystrmatch }, { pg_trgm }, { unaccent }, { drizzle: drizzlePglite }] = await Promise.all([
      import('@electric-sql/pglite'), import('@electric-sql/pglite/contrib/fuzzystrmatch'), import('@electric-sql/pglite/contrib/pg_trgm'),
      import('@electric-sql/pglite/contrib/unaccent'), import('drizzle-orm/pglite'),
    ]);
    if (memory === 'small') setFlagsFromString('--liftoff-only');
    const startParams = memory === 'small' ? [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'] : undefined;
    const client = await PGlite.create(dir ?? 'memory://', { extensions: { pg_trgm, unaccent, fuzzystrmatch }, ...(startParams ? { startParams } : {}) });
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
  const [{ default: pg }, { drizzle: drizzlePg }] = await Promise.all([import('pg'), import('drizzle-orm/node-postgres')]);
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
    const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
    await migratePglite(database.db as never, { migrationsFolder });
  } else {
    // One migrator at a time per server, even when several processes start together.
    await database.db.execute('select pg_advisory_lock(7226135)');
    try {
      const { migrate: migratePg } = await import('drizzle-orm/node-postgres/migrator');
      await migratePg(database.db as never, { migrationsFolder });
    } finally {
      await database.db.execute('select pg_advisory_unlock(7226135)');
    }
  }
}
