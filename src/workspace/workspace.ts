import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase, schema, type Database, type PgliteMemory } from '../db';
import { createRegistry, type Registry } from '../registry';
import { readWorkspaceMeta, writeWorkspaceMeta, type WorkspaceKind, type WorkspaceMeta } from './workspace.meta';

export interface Workspace {
  dir: string;
  meta: WorkspaceMeta;
  database: Database;
  registry: Registry;
  close(): Promise<void>;
}

export class WorkspaceError extends Error {}

export interface OpenWorkspaceOptions {
  /** Create the workspace when the folder has none: 'demo' or 'real'. */
  create?: WorkspaceKind;
  /** PostgreSQL URL; undefined means process.env.DATABASE_URL; null forces the embedded PGlite. */
  databaseUrl?: string | null;
  /** Memory of the embedded database (PGlite): 'small' for one-shot commands that run a few queries. */
  memory?: PgliteMemory;
}

/** True when the folder does not exist or holds nothing (new workspaces and restores go only there). */
export async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

/** Opens (or creates) a workspace folder and its database, checking that the database belongs to it. */
export async function openWorkspace(dir: string, opts: OpenWorkspaceOptions = {}): Promise<Workspace> {
  let meta = await readWorkspaceMeta(dir);
  let created = false;
  if (!meta) {
    if (!opts.create) throw new WorkspaceError(`${dir} is not a Vigil workspace (no workspace.json); create one with \`vigil init ${dir}\``);
    if (!(await isEmptyOrMissing(dir))) throw new WorkspaceError(`${dir} exists and is not empty; choose a new folder`);
    meta = await writeWorkspaceMeta(dir, opts.create);
    created = true;
  }
  const url = opts.databaseUrl === undefined ? process.env.DATABASE_URL : (opts.databaseUrl ?? undefined);
  const database = await openDatabase(url ? { url } : { pgliteDir: join(dir, 'db'), memory: opts.memory });
  try {
    await bindDatabase(database, meta, created);
  } catch (err) {
    await database.close();
    throw err;
  }
  return { dir, meta, database, registry: createRegistry(database.db), close: () => database.close() };
}

/** The database records which workspace and kind it serves, so demo data never mixes into a real workspace. */
async function bindDatabase(database: Database, meta: WorkspaceMeta, created: boolean): Promise<void> {
  const db = database.db;
  const rows = await db.select().from(schema.meta).where(eq(schema.meta.key, 'workspace_id'));
  if (!rows.length) {
    const [{ n }] = await db.select({ n: schema.auditEvents.id }).from(schema.auditEvents).limit(1).then((r) => (r.length ? [{ n: 1 }] : [{ n: 0 }]));
    if (n && !created) throw new WorkspaceError('the database holds data of no known workspace; refusing to bind it');
    await db.insert(schema.meta).values([
      { key: 'workspace_id', value: meta.id },
      { key: 'workspace_kind', value: meta.kind },
    ]);
    return;
  }
  if (rows[0].value !== meta.id) {
    throw new WorkspaceError(`the database belongs to workspace ${rows[0].value}, not to ${meta.id} (${meta.kind}); use a separate database per workspace`);
  }
}
