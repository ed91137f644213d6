// The CLI contract of `vigil evidence`, `vigil log` and `vigil verify`, run in-process with --data
// temp folders. Synthetic files only.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm, writeFile, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { fromBase64, leafHash, openCheckpoint, verifyInclusion, verifyConsistency } from '../../src/evidence';
import { syntheticJpeg, syntheticPng } from '../../src/demo/evidence-images';
import { backends, freshPostgresUrl } from '../helpers/db';
import { EXIF } from './fixtures';

async function vigil(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => { out += String(c); return true; });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => { err += String(c); return true; });
  process.exitCode = 0;
  try {
    await main(['node', 'vigil', ...args]);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out, err };
}

describe.each(backends())('vigil evidence/log/verify CLI on %s', (kind) => {
  let dir: string;
  let data: string;
  const saved = process.env.DATABASE_URL;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-cli-'));
    data = join(dir, 'ws');
    if (kind === 'postgres') {
      const f = await freshPostgresUrl();
      process.env.DATABASE_URL = f.url;
      drop = f.drop;
    } else delete process.env.DATABASE_URL;
    await writeFile(join(dir, 'photo.jpg'), syntheticJpeg(EXIF));
    await writeFile(join(dir, 'scan.png'), syntheticPng(EXIF));
    await writeFile(join(dir, 'note.txt'), 'Synthetic note for CLI tests.\n');
    expect((await vigil('init', data)).code).toBe(0);
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
    await drop?.();
    await rm(dir, { recursive: true, force: true });
  });

  let ids: string[] = [];
  it('evidence add: id, sha256, size, leaf index per file', async () => {
    const r = await vigil('evidence', 'add', join(dir, 'photo.jpg'), join(dir, 'scan.png'), join(dir, 'note.txt'), '--data', data, '--json');
    expect(r.code, r.err).toBe(0);
    const rows = JSON.parse(r.out);
    expect(rows.map((x: { leafIndex: number }) => x.leafIndex)).toEqual([0, 1, 2]);
    expect(rows[0]).toMatchObject({ size: syntheticJpeg(EXIF).length, mediaType: 'image/jpeg', duplicate: false });
    expect(rows[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    ids = rows.map((x: { id: string }) => x.id);
    const again = JSON.parse((await vigil('evidence', 'add', join(dir, 'note.txt'), '--data', data, '--json')).out);
    expect(again[0]).toMatchObject({ duplicate: true, leafIndex: 3 });
    expect((await vigil('evidence', 'add', join(dir, 'nope.bin'), '--data', data)).code).toBe(1);
  });

  it('log key, checkpoint, prove-inclusion, prove-consistency, leaf', async () => {
    const key = (await vigil('log', 'key', '--data', data)).out.trim();
    const note = (await vigil('log', 'checkpoint', '--data', data)).out;
    const { checkpoint } = openCheckpoint(note, [key]);
    expect(checkpoint.size).toBe(4);
    const inc = JSON.parse((await vigil('log', 'prove-inclusion', '--index', '1', '--data', data, '--json')).out);
    expect(Object.keys(inc)).toEqual(['index', 'treeSize', 'leafHash', 'proof']);
    expect(verifyInclusion(1, inc.treeSize, fromBase64(inc.leafHash)!, inc.proof.map((p: string) => fromBase64(p)!), checkpoint.rootHash)).toBe(true);
    const con = JSON.parse((await vigil('log', 'prove-consistency', '--from', '3', '--data', data, '--json')).out);
    expect(con).toMatchObject({ size1: 3, size2: 4 });
    const leaf = JSON.parse((await vigil('log', 'leaf', '--index', '1', '--data', data, '--json')).out);
    expect(leaf.entry).toMatchObject({ kind: 'evidence.received', evidence: expect.any(String) });
    expect(Buffer.from(leafHash(fromBase64(leaf.data)!)).toString('base64')).toBe(leaf.leafHash);
    const inc3 = JSON.parse((await vigil('log', 'prove-inclusion', '--index', '0', '--size', '3', '--data', data, '--json')).out);
    expect(inc3.treeSize).toBe(3);
    expect(con.proof.length).toBeGreaterThan(0);
    expect(typeof verifyConsistency).toBe('function');
    expect((await vigil('log', 'prove-inclusion', '--index', '99', '--data', data)).code).toBe(1);
  });

  it('evidence bundle, then verify --bundle with no workspace', async () => {
    const zip = join(dir, 'case.zip');
    const b = await vigil('evidence', 'bundle', ids[0], ids[2], '-o', zip, '--data', data, '--json');
    expect(b.code, b.err).toBe(0);
    const v = await vigil('verify', '--bundle', zip, '--json');
    expect(v.code, v.out).toBe(0);
    expect(JSON.parse(v.out)).toMatchObject({ ok: true, items: 2 });
  });

  it('verify: exit 0 when intact, 1 naming the altered blob', async () => {
    const ok = await vigil('verify', '--data', data);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/^Intact: 3 blobs, 4 evidence rows/);
    const sha = JSON.parse((await vigil('evidence', 'show', ids[0], '--data', data, '--json')).out).sha256;
    const fh = await open(join(data, 'blobs', 'sha256', sha.slice(0, 2), sha.slice(2, 4), sha), 'r+');
    await fh.write(Buffer.from([0x00]), 0, 1, 3);
    await fh.close();
    const bad = await vigil('verify', '--data', data);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`blob ${sha} is altered`);
  });
});
