// Tampering with a workspace behind Vigil's back (raw SQL with triggers disabled, bytes flipped on
// disk) is detected and named by verify. Synthetic data only.
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { open } from 'node:fs/promises';
import { FsBlobStore } from '../../src/evidence';
import { backends, openTestWorkspace } from '../helpers/db';
import { seedVault } from './fixtures';

type Ws = Awaited<ReturnType<typeof openTestWorkspace>>;

/** Runs statements with the append-only triggers (and foreign keys) switched off. */
async function behindTheBack(ws: Ws, tables: string[], statements: string[]): Promise<void> {
  const db = ws.database.db;
  await db.transaction(async (tx) => {
    for (const t of tables) await tx.execute(sql.raw(`alter table ${t} disable trigger all`));
    for (const s of statements) await tx.execute(sql.raw(s));
    for (const t of tables) await tx.execute(sql.raw(`alter table ${t} enable trigger all`));
  });
}

describe.each(backends())('verify detects tampering on %s', (kind) => {
  let ws: Ws | undefined;
  afterEach(async () => {
    await ws?.dispose();
    ws = undefined;
  });

  const setup = async () => {
    ws = await openTestWorkspace(kind);
    const s = await seedVault(ws);
    expect((await s.v.verify()).problems).toEqual([]);
    return s;
  };

  it('names a blob with one flipped byte', async () => {
    const s = await setup();
    const fh = await open((s.v.blobs as FsBlobStore).localPath(s.jpeg.item.sha256), 'r+');
    const b = Buffer.alloc(1);
    await fh.read(b, 0, 1, 10);
    b[0] ^= 0x01;
    await fh.write(b, 0, 1, 10);
    await fh.close();
    const r = await s.v.verify();
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ area: 'blob', problem: 'altered', ref: s.jpeg.item.sha256 })]);
  });

  it('names an evidence row deleted by raw SQL', async () => {
    const s = await setup();
    await behindTheBack(ws!, ['evidence_items'], [`delete from evidence_items where id = '${s.jpeg.item.id}'`]);
    const r = await s.v.verify();
    expect(r.ok).toBe(false);
    const text = r.problems.map((p) => p.message).join('\n');
    expect(text).toContain(`leaf ${s.jpeg.leafIndex} (evidence.received of ${s.jpeg.item.sha256.slice(0, 12)}…) has no evidence row`);
    expect(text).toContain(`refers to evidence row ${s.jpeg.item.id}, which is missing`);
    expect(text).toContain(`extra blob ${s.jpeg.item.sha256}`);
  });

  it('names a truncated log (tail leaves and hashes removed)', async () => {
    const s = await setup();
    await behindTheBack(ws!, ['log_leaves', 'log_hashes'], ['delete from log_leaves where idx >= 2', 'delete from log_hashes where idx >= 2']);
    const r = await s.v.verify();
    expect(r.ok).toBe(false);
    const text = r.problems.map((p) => p.message).join('\n');
    expect(text).toMatch(/checkpoint 5 covers 5 leaves but the log has 2: leaves were removed/);
    expect(text).toContain(`evidence row ${s.text.item.id}`);
    expect(text).toContain('which is missing from the log');
  });

  it('names two swapped leaves', async () => {
    const s = await setup();
    await behindTheBack(ws!, ['log_leaves'], [
      'create temporary table swap as select idx, data, hash from log_leaves where idx in (0, 2)',
      'update log_leaves l set data = s.data, hash = s.hash from swap s where l.idx = 0 and s.idx = 2',
      'update log_leaves l set data = s.data, hash = s.hash from swap s where l.idx = 2 and s.idx = 0',
      'drop table swap',
    ]);
    const r = await s.v.verify();
    expect(r.ok).toBe(false);
    const text = r.problems.map((p) => p.message).join('\n');
    expect(text).toMatch(/stored hash 0 \(leaves 0\.\.0\) differs/);
    expect(text).toMatch(/checkpoint \d+: signed root .* differs from the root rebuilt/);
    expect(text).toContain(`evidence row ${s.jpeg.item.id} does not match leaf 0`);
    expect(text).toContain(`evidence row ${s.text.item.id} does not match leaf 2`);
  });
});
