// Property: whatever the sequence of append batches, every leaf's inclusion proof from the database
// verifies against the latest signed checkpoint, and consecutive checkpoints are consistent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { inTransaction, queryRows } from '../../src/db';
import { encodeLeaf, openCheckpoint, verifyConsistency, verifyInclusion, leafHash, bytesEqual } from '../../src/evidence';
import { evidenceOf } from '../../src/workspace';
import { backends, openTestWorkspace } from '../helpers/db';

const entry = (i: number) => encodeLeaf({ v: 1, kind: 'custody.verified', at: '2024-05-01T12:00:00.000Z', actor: `u-${i}`, evidence: i.toString(16).padStart(64, '0') });

describe.each(backends())('DB log properties on %s', (kind) => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  beforeAll(async () => { ws = await openTestWorkspace(kind); });
  afterAll(async () => ws?.dispose());

  it('random append batches: all proofs verify against the latest checkpoint; checkpoints are consistent', async () => {
    const log = evidenceOf(ws).log;
    const key = await log.verifierKey();
    let n = 0;
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }), async (batches) => {
      for (const b of batches) {
        const leaves = Array.from({ length: b }, () => entry(n++));
        const r = await inTransaction(ws.database.db, (tx) => log.append(tx, leaves));
        expect(r.size).toBe(n);
      }
      const cps = await queryRows<{ note: string }>(ws.database.db, sql`select note from checkpoints order by size`);
      const opened = cps.map((c) => openCheckpoint(c.note, [key]).checkpoint);
      const latest = opened[opened.length - 1];
      expect(latest.size).toBe(n);
      for (let i = 0; i < n; i++) {
        const p = await log.inclusionProof(i);
        expect(bytesEqual(p.leafHash, leafHash(entry(i)))).toBe(true);
        expect(verifyInclusion(i, latest.size, p.leafHash, p.proof, latest.rootHash)).toBe(true);
      }
      for (let k = 1; k < opened.length; k++) {
        const a = opened[k - 1], b = opened[k];
        const p = await log.consistencyProof(a.size, b.size);
        expect(verifyConsistency(a.size, b.size, a.rootHash, b.rootHash, p.proof)).toBe(true);
      }
    }), { numRuns: 6 });
  });

  it('concurrent appends never fork the tree', async () => {
    const log = evidenceOf(ws).log;
    const before = (await log.latest())!.size;
    await Promise.all(Array.from({ length: 8 }, (_, k) => inTransaction(ws.database.db, (tx) => log.append(tx, [entry(10_000 + k), entry(20_000 + k)]))));
    const after = (await log.latest())!;
    expect(after.size).toBe(before + 16);
    // These bare leaves have no evidence rows (verify says so); the tree and checkpoints must be intact.
    const problems = (await evidenceOf(ws).verify()).problems.filter((p) => !/has no (evidence row|custody event)/.test(p.message));
    expect(problems).toEqual([]);
  });
});
