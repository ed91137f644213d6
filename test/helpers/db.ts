import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseKind } from '../../src/db';
import { openWorkspace, type Workspace } from '../../src/workspace';

/**
 * The data layer is tested against every backend available: PGlite always, and PostgreSQL when
 * DATABASE_URL is set (.ci/run starts a throwaway PostgreSQL 15 and sets it).
 */
export function backends(): DatabaseKind[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh database on the given server (one per test file), dropped by the returned function. */
export async function freshPostgresUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = process.env.DATABASE_URL;
  if (!admin) throw new Error('DATABASE_URL is not set');
  const name = `vigil_t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name} template template0 encoding 'UTF8'`);
  await client.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function openTestDatabase(kind: DatabaseKind): Promise<Database & { dispose(): Promise<void> }> {
  if (kind === 'pglite') {
    const d = await openDatabase({});
    return Object.assign(d, { dispose: () => d.close() });
  }
  const { url, drop } = await freshPostgresUrl();
  const d = await openDatabase({ url });
  return Object.assign(d, { dispose: async () => { await d.close(); await drop(); } });
}

/** A throwaway workspace folder on the given backend. */
export async function openTestWorkspace(kind: DatabaseKind, create: 'demo' | 'real' = 'real'): Promise<Workspace & { dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-ws-'));
  const wsDir = join(dir, 'ws');
  let drop: (() => Promise<void>) | undefined;
  let databaseUrl: string | null = null;
  if (kind === 'postgres') ({ url: databaseUrl, drop } = await freshPostgresUrl());
  const ws = await openWorkspace(wsDir, { create, databaseUrl });
  return Object.assign(ws, {
    dispose: async () => {
      await ws.close();
      await drop?.();
      await rm(dir, { recursive: true, force: true });
    },
  });
}

/** The database's own message behind a Drizzle "Failed query" error. */
export function dbMessage(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string } } | undefined;
  return e?.cause?.message ?? e?.message ?? String(err);
}
