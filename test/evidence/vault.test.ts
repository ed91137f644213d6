import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db';
import { decodeLeaf, hashStream, openCheckpoint, verifyInclusion, verifyConsistency, fromBase64 } from '../../src/evidence';
import { backends, dbMessage, openTestWorkspace } from '../helpers/db';
import { ANALYST, bytes, INVESTIGATOR, seedVault } from './fixtures';

describe.each(backends())('evidence vault on %s', (kind) => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  let s: Awaited<ReturnType<typeof seedVault>>;
  beforeAll(async () => {
    ws = await openTestWorkspace(kind);
    s = await seedVault(ws);
  });
  afterAll(async () => ws?.dispose());

  it('receives files: hash, size, sniffed type, EXIF metadata, one leaf each', async () => {
    expect(s.jpeg.item.mediaType).toBe('image/jpeg');
    expect(s.png.item.mediaType).toBe('image/png');
    expect(s.text.item.mediaType).toBe('text/plain');
    expect(s.jpeg.item.metadata).toMatchObject({ capturedAt: '2023-04-05T06:07:08.000Z', gps: { lat: 47.1, lon: 37.55 }, camera: 'Invented Synthetic Cam' });
    expect([s.jpeg.leafIndex, s.png.leafIndex, s.text.leafIndex, s.dup.leafIndex]).toEqual([0, 1, 2, 3]);
    const leaf = await s.v.log.leaf(0);
    expect(leaf.entry).toMatchObject({ kind: 'evidence.received', evidence: s.jpeg.item.sha256, size: s.jpeg.item.size, actor: INVESTIGATOR.id });
    // No personal data in the leaf: the file name stays in the database.
    expect(Buffer.from(leaf.data).toString()).not.toContain('photo.jpg');
    const { sha256 } = await hashStream(await s.v.blobs.open(s.jpeg.item.sha256));
    expect(sha256).toBe(s.jpeg.item.sha256);
  });

  it('stores duplicate bytes once and records a second receipt', async () => {
    expect(s.dup.duplicate).toBe(true);
    expect(s.text.duplicate).toBe(false);
    expect(s.dup.item.sha256).toBe(s.text.item.sha256);
    expect(s.dup.item.id).not.toBe(s.text.item.id);
    const names: string[] = [];
    for await (const n of s.v.blobs.list()) names.push(n);
    expect(names.sort()).toEqual([...new Set([s.jpeg.item.sha256, s.png.item.sha256, s.text.item.sha256])].sort());
  });

  it('keeps the chain of custody: receipt, view of a restricted item, transfer, derivative', async () => {
    const d = await s.v.custody.get(INVESTIGATOR, s.png.item.id);
    expect(d.custody.map((c) => c.kind)).toEqual(['received', 'viewed']);
    const t = await s.v.custody.transfer(INVESTIGATOR, s.png.item.id, { to: 'Invented Prosecutor Office', reason: 'synthetic test' });
    expect(t.kind).toBe('transferred');
    expect(decodeLeaf((await s.v.log.leaf(t.leafIndex)).data)).toMatchObject({ kind: 'custody.transferred', evidence: s.png.item.sha256 });
    expect(Buffer.from((await s.v.log.leaf(t.leafIndex)).data).toString()).not.toContain('Prosecutor');
    const red = await s.v.intake.add(INVESTIGATOR, bytes('Synthetic statement, [redacted].\n'), { originalName: 'redacted.txt', derivedFrom: s.text.item.id });
    expect(red.item.derivedFrom).toBe(s.text.item.id);
    const entry = (await s.v.log.leaf(red.leafIndex)).entry!;
    expect(entry.kind).toBe('custody.derived');
    expect(entry.prev).toBe(Buffer.from((await s.v.log.leaf(s.text.leafIndex)).leafHash).toString('hex'));
    // The non-restricted text is viewed without a custody event; the restricted one is logged.
    const o = await s.v.custody.open(INVESTIGATOR, s.text.item.id, 'viewed');
    o.stream.destroy();
    expect(o.event).toBeNull();
  });

  it('hides restricted items from analysts and refuses their uploads', async () => {
    const list = await s.v.custody.list(ANALYST, {});
    expect(list.items.map((i) => i.id)).not.toContain(s.png.item.id);
    await expect(s.v.custody.get(ANALYST, s.png.item.id)).rejects.toThrow(/not found/);
    await expect(s.v.intake.add(ANALYST, bytes('x'), {})).rejects.toThrow(/may not add evidence/);
  });

  it('refuses executables and oversized files without storing them', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
    await expect(s.v.intake.add(INVESTIGATOR, bytes(elf), {})).rejects.toThrow(/not accepted/);
    await expect(s.v.intake.add(INVESTIGATOR, bytes(Buffer.alloc(2048)), {}, { maxBytes: 1024 })).rejects.toThrow(/larger than the limit/);
    expect((await s.v.verify()).problems).toEqual([]);
  });

  it('signs a checkpoint per batch; every proof verifies; consecutive checkpoints are consistent', async () => {
    const cps = await queryRows<{ size: number; note: string }>(ws.database.db, sql`select size::int as size, note from checkpoints order by size`);
    const key = await s.v.log.verifierKey();
    const latest = openCheckpoint(cps[cps.length - 1].note, [key], ws.meta.logOrigin).checkpoint;
    for (let i = 0; i < latest.size; i++) {
      const p = await s.v.log.inclusionProof(i);
      expect(verifyInclusion(i, latest.size, p.leafHash, p.proof, latest.rootHash)).toBe(true);
    }
    for (let k = 1; k < cps.length; k++) {
      const a = openCheckpoint(cps[k - 1].note, [key]).checkpoint;
      const b = openCheckpoint(cps[k].note, [key]).checkpoint;
      const p = await s.v.log.consistencyProof(a.size, b.size);
      expect(verifyConsistency(a.size, b.size, a.rootHash, b.rootHash, p.proof)).toBe(true);
    }
    expect(fromBase64(cps[0].note.split('\n')[2])).toBeDefined();
  });

  it('append-only: UPDATE, DELETE and TRUNCATE are rejected by the database', async () => {
    const db = ws.database.db;
    for (const q of [
      sql`update evidence_items set size = 1`, sql`delete from evidence_items`, sql`update custody_events set kind = 'x'`,
      sql`delete from custody_events`, sql`update log_leaves set data = '\\x00'`, sql`delete from log_leaves`,
      sql`update log_hashes set hash = '\\x00'`, sql`delete from log_hashes`, sql`update checkpoints set note = ''`, sql`delete from checkpoints`,
      sql`truncate log_leaves`, sql`truncate evidence_items cascade`,
    ]) {
      const err = await db.execute(q).then(() => null, (e) => e);
      expect(dbMessage(err)).toMatch(/append-only/);
    }
    expect((await s.v.verify()).ok).toBe(true);
  });

  it('refuses to start a new signing key when the log has checkpoints', async () => {
    const { rm } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { createEvidenceVault } = await import('../../src/evidence');
    const { readKeyFile } = await import('../../src/workspace');
    const keyText = await readKeyFile(ws.dir, 'log-signing.key');
    expect(keyText).toMatch(/^PRIVATE\+KEY\+/);
    const fresh = createEvidenceVault({
      db: ws.database.db, kind: ws.database.kind, dir: ws.dir, origin: ws.meta.logOrigin, storage: { kind: 'fs' },
      keys: { read: async () => null, write: async () => { throw new Error('must not write'); } },
    });
    await expect(fresh.intake.add(INVESTIGATOR, bytes('more'), {})).rejects.toThrow(/signing key .* is missing/);
    await rm(join(ws.dir, 'blobs', 'tmp'), { recursive: true, force: true });
  });
});
