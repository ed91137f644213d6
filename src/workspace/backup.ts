/**
 * `vigil backup` and `vigil restore`: the whole workspace in one file sealed with a passphrase.
 *
 * Inside the seal (scrypt + AES-256-GCM, `sealStream` of the auth room) is a zip archive:
 *
 *   workspace.json       the workspace's identity
 *   db/<table>.jsonl     every table of the database, one JSON row per line, read in one
 *                        repeatable-read snapshot (PGlite and PostgreSQL alike; no pg_dump needed)
 *   files/<path>         every file of the workspace folder (evidence blobs, …) except the PGlite
 *                        data folder, which the table dump replaces
 *   keys/<name>          the key files (field-encryption keyring, log signing key)
 *   manifest.json        counts and SHA-256 of every entry, the migrations level, and the
 *                        workspace status at the moment of the snapshot
 *
 * A restore goes into a new folder (and an empty database), checks every entry against the
 * manifest, refuses any entry name that could escape the folder, and ends by comparing the restored
 * workspace's status with the one recorded: the copy is only reported restored when they agree.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import type yauzl from 'yauzl';
import { sealStream, unsealStream, type SealOptions } from '../auth';
import { openDatabase, queryRows, type Database, type Db } from '../db';
import { keysDir } from './keys';
import { workspaceStatus, type WorkspaceStatus } from './status';
import { isEmptyOrMissing, openWorkspace, WorkspaceError, type Workspace } from './workspace';
import { metaPath, workspaceMeta, type WorkspaceMeta } from './workspace.meta';

export const BACKUP_FORMAT = 'vigil-backup';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: string;
  workspace: WorkspaceMeta;
  database: { kind: string; migrations: number };
  /** In the order a restore inserts them (parents before children). */
  tables: { name: string; rows: number; sha256: string }[];
  files: { path: string; size: number; sha256: string }[];
  keys: { name: string; sha256: string }[];
  /** Evidence blobs on S3 are not in the file: back up the bucket itself. */
  blobs: 'in-backup' | 'not-in-backup-s3';
  status: ComparableStatus;
}

/** The status minus what differs between two copies of one workspace (folder, database address). */
export type ComparableStatus = Omit<WorkspaceStatus, 'workspace' | 'database'> & {
  workspace: Omit<WorkspaceStatus['workspace'], 'dir'>;
};

export function comparableStatus(st: WorkspaceStatus): ComparableStatus {
  const { dir: _dir, ...workspace } = st.workspace;
  return { workspace, counts: st.counts, log: st.log, dataVersion: st.dataVersion };
}

export class BackupError extends WorkspaceError {}

const SKIPPED_TOP = new Set(['db', 'keys', 'workspace.json', '.vigil.lock']);
const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;
const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const sha256 = () => createHash('sha256');

/** Public tables in an order that inserts parents before children (foreign keys). */
async function tablesInOrder(db: Db): Promise<string[]> {
  const tables = (await queryRows<{ name: string }>(db, sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`)).map((r) => r.name);
  const edges = await queryRows<{ child: string; parent: string }>(db, sql`
    select c.relname as child, p.relname as parent from pg_constraint k
      join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
     where k.contype = 'f' and n.nspname = 'public'`);
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: string) => {
    if (state.get(t) === 'done') return;
    if (state.get(t) === 'visiting') throw new BackupError(`foreign keys form a cycle through ${t}`);
    state.set(t, 'visiting');
    for (const e of edges) if (e.child === t && e.parent !== t) visit(e.parent);
    state.set(t, 'done');
    order.push(t);
  };
  for (const t of tables) visit(t);
  return order;
}

async function migrationCount(db: Db): Promise<number> {
  const r = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(r[0].n);
}

/** Every regular file under `root`, relative, skipping the top-level entries in `skip`; symlinks are refused. */
async function listFiles(root: string, skip: Set<string>): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const rel = relative(root, path).split(sep).join('/');
      if (dir === root && skip.has(entry.name)) continue;
      if (entry.name.startsWith('.vigil-restore-')) continue;
      if (entry.isSymbolicLink()) throw new BackupError(`${rel} is a symbolic link; the workspace folder must hold only files`);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) out.push(rel);
    }
  };
  await walk(root);
  return out.sort();
}

/** Streams `select row_to_json(t)` of a table through a cursor in `tx`, one line per row, hashing as it goes. */
function tableLines(tx: Db, table: string, record: (rows: number, hash: string) => void): Readable {
  return Readable.from((async function* () {
    const hash = sha256();
    let rows = 0;
    const cursor = `vigil_backup_${table}`;
    await tx.execute(sql.raw(`declare ${cursor} no scroll cursor for select row_to_json(t)::text as j from "${table}" t`));
    for (;;) {
      const batch = await queryRows<{ j: string }>(tx, sql.raw(`fetch forward 500 from ${cursor}`));
      if (!batch.length) break;
      const text = batch.map((r) => r.j).join('\n') + '\n';
      hash.update(text);
      rows += batch.length;
      yield Buffer.from(text, 'utf8');
    }
    await tx.execute(sql.raw(`close ${cursor}`));
    record(rows, hash.digest('hex'));
  })());
}

function hashedFile(path: string, record: (size: number, hash: string) => void): Readable {
  return Readable.from((async function* () {
    const hash = sha256();
    let size = 0;
    for await (const chunk of createReadStream(path)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    record(size, hash.digest('hex'));
  })());
}

export interface BackupOptions {
  passphrase: string;
  /** The sealed file to write (replaced atomically when complete). */
  output: string;
  seal?: SealOptions;
}

/** Writes a sealed backup of the whole workspace; returns its manifest. */
export async function backupWorkspace(ws: Workspace, options: BackupOptions): Promise<BackupManifest> {
  if (!options.passphrase) throw new BackupError('a backup needs a passphrase');
  const description = await ws.database.describe();
  const files = await listFiles(ws.dir, SKIPPED_TOP);
  const keyNames = (await readdir(keysDir(ws.dir)).catch(() => [] as string[])).filter((n) => KEY_NAME.test(n) && !n.endsWith('.tmp')).sort();
  const partial = `${options.output}.${randomBytes(4).toString('hex')}.partial`;
  await mkdir(dirname(resolve(options.output)), { recursive: true });
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT, version: 1, createdAt: new Date().toISOString(), workspace: ws.meta,
    database: { kind: ws.database.kind, migrations: 0 }, tables: [], files: [], keys: [],
    blobs: ws.meta.storage.blobs.kind === 's3' ? 'not-in-backup-s3' : 'in-backup', status: null as unknown as ComparableStatus,
  };
  try {
    await ws.database.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      manifest.database.migrations = await migrationCount(tx);
      manifest.status = comparableStatus(await workspaceStatus({ ...ws, database: { ...ws.database, db: tx, describe: async () => description } }));
      const { default: yazl } = await import('yazl'); // loaded on use: other commands do not carry it
      const zip = new yazl.ZipFile();
      const written = pipeline(zip.outputStream, sealStream(options.passphrase, options.seal), createWriteStream(partial, { mode: 0o600, flags: 'wx' }));
      zip.addBuffer(Buffer.from(JSON.stringify(ws.meta, null, 2) + '\n'), 'workspace.json');
      for (const name of await tablesInOrder(tx)) {
        const entry = { name, rows: 0, sha256: '' };
        manifest.tables.push(entry);
        zip.addReadStream(tableLines(tx, name, (rows, hash) => Object.assign(entry, { rows, sha256: hash })), `db/${name}.jsonl`);
      }
      for (const path of files) {
        const entry = { path, size: 0, sha256: '' };
        manifest.files.push(entry);
        zip.addReadStream(hashedFile(join(ws.dir, ...path.split('/')), (size, hash) => Object.assign(entry, { size, sha256: hash })), `files/${path}`);
      }
      for (const name of keyNames) {
        const bytes = await readFile(join(keysDir(ws.dir), name));
        manifest.keys.push({ name, sha256: sha256().update(bytes).digest('hex') });
        zip.addBuffer(bytes, `keys/${name}`);
      }
      // Written last, when every entry before it has been read and hashed.
      zip.addReadStream(Readable.from((async function* () { yield Buffer.from(JSON.stringify(manifest, null, 2) + '\n'); })()), 'manifest.json');
      zip.end();
      await written;
    }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
    await rename(partial, options.output);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return manifest;
}

/** A zip entry name → where it is written under `root`, or an error for any name that could escape it. */
export function entryTarget(root: string, name: string): { kind: 'manifest' | 'workspace' | 'table' | 'file' | 'key'; path: string | null; table?: string } {
  const bad = () => new BackupError(`the backup holds an entry with a forbidden name: ${JSON.stringify(name)}`);
  if (name.includes('\\') || name.includes('\0') || name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw bad();
  const parts = name.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) throw bad();
  if (name === 'manifest.json') return { kind: 'manifest', path: null };
  if (name === 'workspace.json') return { kind: 'workspace', path: join(root, 'workspace.json') };
  if (parts[0] === 'db' && parts.length === 2 && /^[a-z_][a-z0-9_]*\.jsonl$/.test(parts[1])) return { kind: 'table', path: null, table: parts[1].slice(0, -6) };
  if (parts[0] === 'keys' && parts.length === 2 && KEY_NAME.test(parts[1])) return { kind: 'key', path: join(keysDir(root), parts[1]) };
  if (parts[0] === 'files' && parts.length > 1 && !SKIPPED_TOP.has(parts[1])) {
    const path = resolve(root, ...parts.slice(1));
    if (!path.startsWith(resolve(root) + sep)) throw bad();
    return { kind: 'file', path };
  }
  throw bad();
}

export interface RestoreOptions {
  passphrase: string;
  /** PostgreSQL URL of an EMPTY database; undefined means process.env.DATABASE_URL; null forces PGlite in the folder. */
  databaseUrl?: string | null;
}

export interface RestoreResult { manifest: BackupManifest; status: WorkspaceStatus }

async function insertTable(tx: Db, table: string, stream: Readable, expect: { rows: number; sha256: string }): Promise<void> {
  const columns = (await queryRows<{ name: string }>(tx, sql`
    select column_name as name from information_schema.columns
     where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER' and coalesce(identity_generation, '') <> 'ALWAYS'
     order by ordinal_position`)).map((r) => r.name);
  const list = columns.map((c) => `"${c}"`).join(', ');
  const hash = sha256();
  let rows = 0;
  let pending = '';
  let batch: string[] = [];
  const flush = async () => {
    if (!batch.length) return;
    await tx.execute(sql`insert into ${sql.identifier(table)} (${sql.raw(list)}) select ${sql.raw(list)} from json_populate_recordset(null::${sql.identifier(table)}, ${`[${batch.join(',')}]`}::json)`);
    batch = [];
  };
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    pending += (chunk as Buffer).toString('utf8');
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      batch.push(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
      rows++;
      if (batch.length >= 500) await flush();
    }
  }
  if (pending !== '') throw new BackupError(`db/${table}.jsonl does not end with a newline`);
  await flush();
  if (rows !== expect.rows || hash.digest('hex') !== expect.sha256) throw new BackupError(`db/${table}.jsonl does not match the manifest (changed or damaged)`);
}

/** Moves every serial column's sequence past the highest restored value. */
async function resetSequences(tx: Db): Promise<void> {
  const serials = await queryRows<{ table: string; column: string }>(tx, sql`
    select table_name as table, column_name as column from information_schema.columns
     where table_schema = 'public' and column_default like 'nextval(%'`);
  for (const s of serials) {
    await tx.execute(sql.raw(`select setval(pg_get_serial_sequence('"${s.table}"', '${s.column}'), coalesce((select max("${s.column}") from "${s.table}"), 1), (select max("${s.column}") from "${s.table}") is not null)`));
  }
}

/** Restores a sealed backup into a new workspace folder `target` (and an empty database). */
export async function restoreWorkspace(input: string, target: string, options: RestoreOptions): Promise<RestoreResult> {
  const root = resolve(target);
  if (!(await isEmptyOrMissing(root))) throw new BackupError(`${root} exists and is not empty; restore into a new folder`);
  await mkdir(root, { recursive: true, mode: 0o700 });
  const plain = join(root, `.vigil-restore-${randomBytes(6).toString('hex')}.zip`);
  let database: Database | undefined;
  try {
    await pipeline(createReadStream(input), unsealStream(options.passphrase), createWriteStream(plain, { mode: 0o600, flags: 'wx' }));
    const { default: yauzlLib } = await import('yauzl');
    const zip = await yauzlLib.openPromise(plain, { autoClose: false, validateEntrySizes: true, strictFileNames: true });
    try {
      const entries = new Map<string, yauzl.Entry>();
      for await (const entry of zip.eachEntry()) {
        entryTarget(root, entry.fileName);
        if (entries.has(entry.fileName)) throw new BackupError(`the backup holds ${entry.fileName} twice`);
        entries.set(entry.fileName, entry);
      }
      const manifestEntry = entries.get('manifest.json');
      if (!manifestEntry) throw new BackupError('the backup has no manifest.json');
      const manifest = JSON.parse(await streamText(await zip.openReadStreamPromise(manifestEntry))) as BackupManifest;
      if (manifest.format !== BACKUP_FORMAT || manifest.version !== 1) throw new BackupError('not a Vigil backup (format or version)');
      const meta = workspaceMeta.parse(manifest.workspace);

      // Files and keys, each checked against the manifest.
      const expected = new Map<string, string>([
        ...manifest.files.map((f) => [`files/${f.path}`, f.sha256] as [string, string]),
        ...manifest.keys.map((k) => [`keys/${k.name}`, k.sha256] as [string, string]),
      ]);
      for (const [name, entry] of entries) {
        const where = entryTarget(root, name);
        if (where.kind !== 'file' && where.kind !== 'key') continue;
        const want = expected.get(name);
        if (!want) throw new BackupError(`${name} is not listed in the manifest`);
        await mkdir(dirname(where.path!), { recursive: true, mode: where.kind === 'key' ? 0o700 : 0o755 });
        const hash = sha256();
        await pipeline(await zip.openReadStreamPromise(entry), async function* (source) { for await (const c of source) { hash.update(c as Buffer); yield c; } },
          createWriteStream(where.path!, { mode: where.kind === 'key' ? 0o600 : 0o644, flags: 'wx' }));
        if (hash.digest('hex') !== want) throw new BackupError(`${name} does not match the manifest (changed or damaged)`);
        if (where.kind === 'key') await chmod(where.path!, 0o600);
        expected.delete(name);
      }
      if (expected.size) throw new BackupError(`the backup lacks ${[...expected.keys()].join(', ')}`);
      if (manifest.keys.length) await chmod(keysDir(root), 0o700);

      // The database: migrations first (the schema of this version), then every table in one transaction.
      const url = options.databaseUrl === undefined ? process.env.DATABASE_URL : (options.databaseUrl ?? undefined);
      database = await openDatabase(url ? { url } : { pgliteDir: join(root, 'db') });
      const db = database.db;
      const level = await migrationCount(db);
      if (manifest.database.migrations > level) throw new BackupError(`the backup comes from a newer Vigil (${manifest.database.migrations} migrations; this one has ${level}); upgrade first`);
      const tables = await tablesInOrder(db);
      for (const t of tables) {
        const [{ n }] = await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from "${t}"`));
        if (Number(n) > 0 && t !== 'allegation_types') throw new BackupError(`the target database is not empty (table ${t} has rows); restore into an empty database`);
      }
      const known = new Set(tables);
      await db.transaction(async (t) => {
        const tx = t as unknown as Db;
        if (manifest.tables.some((x) => x.name === 'allegation_types')) await tx.execute(sql`delete from allegation_types`);
        for (const table of manifest.tables) {
          if (!TABLE_NAME.test(table.name) || !known.has(table.name)) throw new BackupError(`the backup holds table ${table.name}, which this version does not know`);
          const entry = entries.get(`db/${table.name}.jsonl`);
          if (!entry) throw new BackupError(`the backup lacks db/${table.name}.jsonl`);
          await insertTable(tx, table.name, await zip.openReadStreamPromise(entry), table);
        }
        await resetSequences(tx);
      });
      await database.close();
      database = undefined;

      await writeFile(metaPath(root), JSON.stringify(meta, null, 2) + '\n', { flag: 'wx' });
      const ws = await openWorkspace(root, { databaseUrl: url ?? null });
      try {
        const status = await workspaceStatus(ws);
        if (JSON.stringify(comparableStatus(status)) !== JSON.stringify(manifest.status)) {
          throw new BackupError('the restored workspace does not match the status recorded in the backup');
        }
        return { manifest, status };
      } finally {
        await ws.close();
      }
    } finally {
      await zip.close();
    }
  } catch (error) {
    await database?.close().catch(() => undefined);
    await rm(root, { recursive: true, force: true });
    throw error;
  } finally {
    await rm(plain, { force: true });
  }
}

async function streamText(stream: Readable): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts).toString('utf8');
}
