import { mkdtemp, readFile, rename, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import pg from 'pg';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealStream } from '../../src/auth';
import { SYSTEM } from '../../src/domain';
import { authOf, backupWorkspace, evidenceOf, openWorkspace, restoreWorkspace, workspaceStatus, type Workspace } from '../../src/workspace';
import { backends, freshPostgresUrl } from '../helpers/db';

// Synthetic data only. scrypt is kept cheap in these tests; the CLI uses the default cost.
const FAST = { cost: 2 ** 10 };
const PASSPHRASE = 'synthetic backup passphrase';

async function recreateDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.query(`create database ${name} template template0 encoding 'UTF8'`);
  await c.end();
}

/** A workspace with something in every room this branch knows: registry, users with TOTP, witnesses, protected details, evidence and the log. */
async function fill(ws: Workspace) {
  const r = ws.registry;
  const source = await r.sources.create(SYSTEM, { kind: 'testimony', title: 'Synthetic interview T-001', sensitivity: 'restricted', obtained: '2024-05' });
  const facility = await r.facilities.create(SYSTEM, { name: 'Invented facility «Північ»', aliases: ['Invented North'], published: true, sensitivity: 'public' });
  const rec = await r.persons.addRecord(SYSTEM, { sourceId: source.id, familyName: 'Вигаданий', givenName: 'Тарас', birth: '1990-02', status: 'captured' });
  await r.custody.create(SYSTEM, { personRecordId: rec.id, facilityId: facility.id, sourceId: source.id, from: '2023-01', to: '2023-09' });
  await r.allegations.create(SYSTEM, { typeCode: 'beating', facilityId: facility.id, sourceId: source.id, victims: [{ personRecordId: rec.id }], narrative: 'Synthetic narrative' });
  const auth = authOf(ws);
  const user = await auth.users.create(SYSTEM, { username: 'restore-admin', password: 'a long synthetic password 1', role: 'administrator' });
  await auth.users.resetTotp(SYSTEM, user.id);
  const witness = await auth.witnesses.create(SYSTEM, { sourceId: source.id, identity: { fullName: 'Synthetic Witness Name' }, contact: { phone: '+000 000 0000' } });
  await auth.witnesses.addProtectedDetail(SYSTEM, rec.personId, { kind: 'home_address', value: 'Invented street 1, Invented town' });
  await evidenceOf(ws).intake.add(SYSTEM, Readable.from([Buffer.from('synthetic evidence bytes for the backup test')]), { originalName: 'synthetic.txt', sourceId: source.id });
  return { witnessId: witness.id, personId: rec.personId };
}

describe.each(backends())('backup and restore on %s', (kind) => {
  let base: string;
  let url: string | null = null;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'vigil-backup-'));
    if (kind === 'postgres') ({ url, drop } = await freshPostgresUrl());
  }, 600_000);
  afterAll(async () => {
    await drop?.();
    await rm(base, { recursive: true, force: true });
  }, 600_000);

  it('restores the whole workspace: identical status, intact evidence log, witnesses still decrypt', async () => {
    const dir = join(base, 'ws');
    const ws = await openWorkspace(dir, { create: 'real', databaseUrl: url });
    const ids = await fill(ws);
    const before = await workspaceStatus(ws);
    expect(before.counts.witnesses).toBe(1);
    expect(before.log.size).toBeGreaterThan(0);
    const file = join(base, 'ws.vigil-backup');
    const manifest = await backupWorkspace(ws, { passphrase: PASSPHRASE, output: file, seal: FAST });
    await ws.close();
    expect(manifest.tables.find((t) => t.name === 'witnesses')?.rows).toBe(1);
    expect(manifest.keys.map((k) => k.name)).toContain('fields.keyring');
    expect(manifest.files.some((f) => f.path.startsWith('blobs/'))).toBe(true);
    // Nothing inside is readable without the passphrase.
    const sealed = await readFile(file);
    for (const secret of ['Вигаданий', 'Synthetic interview', 'fields.keyring', 'synthetic evidence bytes']) expect(sealed.includes(Buffer.from(secret))).toBe(false);

    // The original goes away; the copy takes its place (same folder, same database name).
    await rename(dir, `${dir}.original`);
    if (url) await recreateDatabase(url);
    const restored = await restoreWorkspace(file, dir, { passphrase: PASSPHRASE, databaseUrl: url });
    expect(restored.status).toEqual(before);
    const copy = await openWorkspace(dir, { databaseUrl: url });
    try {
      expect(await workspaceStatus(copy)).toEqual(before);
      const verify = await evidenceOf(copy).verify();
      expect(verify.problems).toEqual([]);
      expect(verify.ok).toBe(true);
      const identity = await authOf(copy).witnesses.identity(SYSTEM, ids.witnessId);
      expect(identity.identity.fullName).toBe('Synthetic Witness Name');
      expect((await authOf(copy).witnesses.protectedDetails(SYSTEM, ids.personId))[0].value).toBe('Invented street 1, Invented town');
      // Sequences continue after the restored rows (the views above were audited too).
      const versionBefore = (await workspaceStatus(copy)).dataVersion;
      expect(versionBefore).toBe(before.dataVersion + 2);
      await copy.registry.sources.create(SYSTEM, { kind: 'list', title: 'Synthetic list after restore' });
      expect((await workspaceStatus(copy)).dataVersion).toBe(versionBefore + 1);
    } finally {
      await copy.close();
    }
  });

  it('refuses a wrong passphrase, a changed file and a non-empty target, and leaves no folder behind', async () => {
    const dir = join(base, 'small');
    const pgSmall = kind === 'postgres' ? await freshPostgresUrl() : null;
    const ws = await openWorkspace(dir, { create: 'real', databaseUrl: pgSmall?.url ?? null });
    await ws.registry.sources.create(SYSTEM, { kind: 'list', title: 'Synthetic small list' });
    const file = join(base, 'small.vigil-backup');
    await backupWorkspace(ws, { passphrase: PASSPHRASE, output: file, seal: FAST });
    await ws.close();
    const target = join(base, 'small-copy');
    await expect(restoreWorkspace(file, target, { passphrase: 'not the passphrase', databaseUrl: null })).rejects.toThrow(/wrong passphrase/);
    await expect(readdir(target)).rejects.toThrow(/ENOENT/);
    const bytes = await readFile(file);
    bytes[bytes.length - 100] ^= 0x40;
    const changed = join(base, 'changed.vigil-backup');
    await writeFile(changed, bytes);
    await expect(restoreWorkspace(changed, target, { passphrase: PASSPHRASE, databaseUrl: null })).rejects.toThrow(/changed|truncated/);
    await expect(readdir(target)).rejects.toThrow(/ENOENT/);
    await expect(restoreWorkspace(file, dir, { passphrase: PASSPHRASE, databaseUrl: null })).rejects.toThrow(/not empty/);
    await pgSmall?.drop();
  });

  it('refuses archive entries that would escape the folder (path traversal), writing nothing outside it', async () => {
    for (const evil of ['files/../../escaped.txt', 'files/..\\..\\escaped.txt', '/etc/escaped.txt', 'keys/../escaped.txt']) {
      const zip = new yazl.ZipFile();
      // yazl refuses such names itself, so the name is patched into the archive's bytes.
      const placeholder = 'files/' + 'x'.repeat(evil.length - 6);
      zip.addBuffer(Buffer.from('{}'), 'manifest.json');
      zip.addBuffer(Buffer.from('escaped'), placeholder);
      zip.end();
      const parts: Buffer[] = [];
      for await (const c of zip.outputStream) parts.push(c as Buffer);
      let raw = Buffer.concat(parts);
      raw = Buffer.from(raw.toString('latin1').split(placeholder).join(evil), 'latin1');
      const file = join(base, 'evil.vigil-backup');
      await pipeline(Readable.from([raw]), sealStream(PASSPHRASE, FAST), createWriteStream(file));
      const target = join(base, 'evil-target', 'ws');
      await expect(restoreWorkspace(file, target, { passphrase: PASSPHRASE, databaseUrl: null }), evil).rejects.toThrow(/forbidden name|invalid|absolute/);
      await expect(readFile(join(base, 'escaped.txt'))).rejects.toThrow(/ENOENT/);
      await expect(readFile(join(base, 'evil-target', 'escaped.txt'))).rejects.toThrow(/ENOENT/);
      await expect(readdir(target)).rejects.toThrow(/ENOENT/);
    }
  });
});
