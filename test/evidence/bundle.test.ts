// Court bundles: written from a workspace, verified with no workspace; tampering with the zip is named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { generateNoteKey, verifyBundle } from '../../src/evidence';
import { backends, openTestWorkspace } from '../helpers/db';
import { INVESTIGATOR, seedVault } from './fixtures';

/** Rewrites a zip, changing entries with `edit` (return null to drop an entry). */
async function rewriteZip(src: string, dst: string, edit: (name: string, data: Buffer) => Buffer | null): Promise<void> {
  const zin = await yauzl.openPromise(src, { lazyEntries: true });
  const out = new yazl.ZipFile();
  for await (const e of zin.eachEntry()) {
    const parts: Buffer[] = [];
    for await (const c of await zin.openReadStreamPromise(e)) parts.push(c as Buffer);
    const data = edit(e.fileName, Buffer.concat(parts));
    if (data) out.addBuffer(data, e.fileName);
  }
  zin.close();
  out.end();
  await pipeline(out.outputStream, createWriteStream(dst));
}

describe.each(backends())('court bundle on %s', (kind) => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  let dir: string;
  let zip: string;
  let s: Awaited<ReturnType<typeof seedVault>>;
  beforeAll(async () => {
    ws = await openTestWorkspace(kind);
    s = await seedVault(ws);
    dir = await mkdtemp(join(tmpdir(), 'vigil-bundle-'));
    zip = join(dir, 'case.zip');
  });
  afterAll(async () => {
    await ws?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips: write, then verify with no workspace', async () => {
    const r = await s.v.bundle(INVESTIGATOR, [s.jpeg.item.id, s.png.item.id], zip);
    expect(r.items).toBe(2);
    const rep = await verifyBundle(zip);
    expect(rep.problems).toEqual([]);
    expect(rep.ok).toBe(true);
    expect(rep.treeSize).toBe(r.treeSize);
    // receipt + export of the JPEG; receipt + view + export of the PNG
    expect(rep.leaves).toBe(5);
    // The export itself is in the chain of custody.
    expect((await s.v.custody.get(INVESTIGATOR, s.jpeg.item.id)).custody.map((c) => c.kind)).toEqual(['received', 'exported']);
    expect((await s.v.verify()).ok).toBe(true);
  });

  it('names an altered file, a bad signature and a foreign key', async () => {
    const altered = join(dir, 'altered.zip');
    await rewriteZip(zip, altered, (n, d) => (n === `files/${s.jpeg.item.sha256}` ? Buffer.concat([d, Buffer.from('x')]) : d));
    expect((await verifyBundle(altered)).problems.join('\n')).toMatch(new RegExp(`files/${s.jpeg.item.sha256} \\(photo.jpg\\) is altered`));

    const resigned = join(dir, 'resigned.zip');
    await rewriteZip(zip, resigned, (n, d) => (n === 'checkpoint.txt' ? Buffer.from(d.toString().replace(/\n(\d+)\n/, (_m, x) => `\n${Number(x) + 1}\n`)) : d));
    expect((await verifyBundle(resigned)).problems.join('\n')).toMatch(/checkpoint.txt: signature or format invalid/);

    const other = generateNoteKey('someone-else').verifierKey;
    expect((await verifyBundle(zip, { trustedKey: other })).problems.join('\n')).toMatch(/signature or format invalid/);

  });

  it('drops nothing silently: a removed leaf is named', async () => {
    const dropped = join(dir, 'dropped.zip');
    await rewriteZip(zip, dropped, (n, d) => (n === `leaves/${s.jpeg.leafIndex}.json` ? null : d));
    expect((await verifyBundle(dropped)).problems.join('\n')).toContain(`leaf ${s.jpeg.leafIndex}: leaves/${s.jpeg.leafIndex}.json is missing`);
  });
});
