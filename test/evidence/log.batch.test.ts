// Batch appends (appendMany) and the stored-hash cache over the database, on every backend:
// random batch sizes give the same tree as MemoryHashStore with the same leaves, every proof
// verifies, batch checkpoints are consistent, a rolled-back batch leaves nothing behind, and a
// proof is the same whether the cache is cold, warm or bypassed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { inTransaction } from '../../src/db';
import {
  bytesEqual, encodeLeaf, EvidenceLog, leafHash, MemoryHashStore, openCheckpoint, storedHashCount, toHex, UnsupportedMediaError,
  verifyConsistency, verifyInclusion,
} from '../../src/evidence';
import { logRepository } from '../../src/evidence/log.repository';
import { evidenceOf } from '../../src/workspace';
import { backends, openTestWorkspace } from '../helpers/db';
import { INVESTIGATOR } from './fixtures';

const entry = (i: number) => encodeLeaf({ v: 1, kind: 'custody.verified', at: '2024-05-01T12:00:00.000Z', actor: `u-${i}`, evidence: i.toString(16).padStart(64, '0') });

describe.each(backends())('appendMany and the hash cache on %s', (kind) => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  const ref = new MemoryHashStore();
  let n = 0;
  beforeAll(async () => { ws = await openTestWorkspace(kind); });
  afterAll(async () => ws?.dispose());

  /** Appends leaves n… in the DB log and in the reference store. */
  const appendBatch = async (count: number) => {
    const leaves = Array.from({ length: count }, (_, k) => entry(n + k));
    const r = await inTransaction(ws.database.db, (tx) => evidenceOf(ws).log.appendMany(tx, leaves));
    for (const l of leaves) ref.append(l);
    n += count;
    return r;
  };

  it('random batch sizes: same root and stored hashes as MemoryHashStore; every proof verifies; batch checkpoints are consistent', async () => {
    const log = evidenceOf(ws).log;
    const key = await log.verifierKey();
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 }), async (batches) => {
      const before = n;
      const checkpoints = [];
      for (const b of batches) {
        const r = await appendBatch(b);
        expect(r.first).toBe(n - b);
        expect(r.size).toBe(n);
        const cp = openCheckpoint(r.checkpoint, [key]).checkpoint;
        expect(cp.size).toBe(n);
        expect(toHex(cp.rootHash)).toBe(toHex(ref.root()));
        checkpoints.push(cp);
      }
      // Stored hashes in the database, byte for byte.
      const rows = await logRepository.readHashRange(ws.database.db, 0, storedHashCount(n));
      expect(rows.length).toBe(storedHashCount(n));
      expect(rows.map((r) => toHex(r.hash)).join('')).toBe(ref.readHashes(rows.map((r) => r.idx)).map(toHex).join(''));
      expect(toHex(await log.rootAt(n))).toBe(toHex(ref.root()));
      const latest = checkpoints[checkpoints.length - 1];
      const picks = new Set([0, before, n - 1, ...Array.from({ length: 25 }, () => Math.floor(Math.random() * n))]);
      for (const i of picks) {
        const p = await log.inclusionProof(i, n);
        expect(bytesEqual(p.leafHash, leafHash(entry(i)))).toBe(true);
        expect(verifyInclusion(i, n, p.leafHash, p.proof, latest.rootHash)).toBe(true);
        expect(p.proof.map(toHex)).toEqual(ref.inclusionProof(i, n).map(toHex));
      }
      for (let k = 1; k < checkpoints.length; k++) {
        const a = checkpoints[k - 1], b = checkpoints[k];
        const p = await log.consistencyProof(a.size, b.size);
        expect(verifyConsistency(a.size, b.size, a.rootHash, b.rootHash, p.proof)).toBe(true);
      }
    }), { numRuns: 5 });
  });

  it('a rolled-back batch leaves no leaf, hash or checkpoint, and the next batch starts where the log is', async () => {
    const log = evidenceOf(ws).log;
    const hashesBefore = await logRepository.hashCount(ws.database.db);
    await expect(inTransaction(ws.database.db, async (tx) => {
      await log.appendMany(tx, Array.from({ length: 37 }, (_, k) => encodeLeaf({ v: 1, kind: 'custody.verified', at: '2024-05-01T12:00:00.000Z', actor: 'u-rolled-back', evidence: k.toString(16).padStart(64, 'f') })));
      throw new Error('abort the transaction');
    })).rejects.toThrow('abort the transaction');
    expect(await logRepository.size(ws.database.db)).toBe(n);
    expect(await logRepository.hashCount(ws.database.db)).toBe(hashesBefore);
    expect((await log.latest())!.size).toBe(n);
    const r = await appendBatch(5);
    expect(r.first).toBe(n - 5);
    expect(toHex((await log.latest())!.root)).toBe(toHex(ref.root()));
  });

  it('another appender (a second process) in between: the cached frontier is not trusted', async () => {
    const other = new EvidenceLog(ws.database.db, ws.database.kind, ws.meta.logOrigin, evidenceOf(ws).log.key);
    const leaves = [entry(n), entry(n + 1), entry(n + 2)];
    await inTransaction(ws.database.db, (tx) => other.appendMany(tx, leaves));
    for (const l of leaves) ref.append(l);
    n += 3;
    await appendBatch(4); // the first log's frontier is from before the other's append
    expect(toHex((await evidenceOf(ws).log.latest())!.root)).toBe(toHex(ref.root()));
    expect((await evidenceOf(ws).verify()).problems.filter((p) => !/has no (evidence row|custody event)/.test(p.message))).toEqual([]);
  });

  it('a proof is identical with a cold cache, a warm cache and inside a transaction (which bypasses it)', async () => {
    const log = evidenceOf(ws).log;
    const cold = new EvidenceLog(ws.database.db, ws.database.kind, ws.meta.logOrigin, log.key, { maxUpper: 64, maxRecent: 16 });
    const size = (await log.latest())!.size;
    for (let k = 0; k < 40; k++) {
      const i = Math.floor(Math.random() * size);
      const m = 1 + Math.floor(Math.random() * size);
      cold.cache.clear();
      const a = await cold.inclusionProof(i, size);
      const a2 = await cold.inclusionProof(i, size); // now from the cache (as far as it holds)
      const b = await log.inclusionProof(i, size);
      const c = await inTransaction(ws.database.db, (tx) => log.inclusionProof(i, size, tx));
      for (const p of [a2, b, c]) {
        expect(toHex(p.leafHash)).toBe(toHex(a.leafHash));
        expect(p.proof.map(toHex)).toEqual(a.proof.map(toHex));
      }
      expect(a.proof.map(toHex)).toEqual(ref.inclusionProof(i, size).map(toHex));
      const x = await cold.consistencyProof(m, size);
      const y = await log.consistencyProof(m, size);
      expect(x.proof.map(toHex)).toEqual(y.proof.map(toHex));
      expect(x.proof.map(toHex)).toEqual(m === size ? [] : ref.consistencyProof(m, size).map(toHex));
    }
    expect(cold.cache.size).toBeLessThanOrEqual(64 + 16);
    await log.warmCache();
    expect(log.cache.size).toBeGreaterThan(0);
    const before = log.cache.misses;
    const p = await log.inclusionProof(size - 1, size);
    expect(p.proof.map(toHex)).toEqual(ref.inclusionProof(size - 1, size).map(toHex));
    // Warm: at most the leaf hash and the heights below the pin level come from the database.
    expect(log.cache.misses - before).toBeLessThanOrEqual(1 + log.cache.pinLevel);
  });

  it('what a transaction reads is not cached (it may roll back)', async () => {
    const log = new EvidenceLog(ws.database.db, ws.database.kind, ws.meta.logOrigin, evidenceOf(ws).log.key);
    await inTransaction(ws.database.db, (tx) => log.inclusionProof(0, n, tx));
    expect(log.cache.size).toBe(0);
    await log.inclusionProof(0, n);
    expect(log.cache.size).toBeGreaterThan(0);
  });

  it('writes leaves and hashes in many COPY statements, and through INSERT when no driver connection is at hand', async () => {
    const leaves = Array.from({ length: 300 }, (_, k) => entry(n + k));
    const packed = new Uint8Array(leaves.length * 32);
    leaves.forEach((l, k) => packed.set(leafHash(l), k * 32));
    const db = ws.database.db;
    const top = 10_000_000; // far beyond the log, in a scratch range of indexes (the rows are never part of a tree)
    await inTransaction(db, async (tx) => {
      await logRepository.writeLeaves(tx, ws.database.kind, top, leaves, leaves.map(leafHash), 1024);
      await logRepository.writeHashes(tx, ws.database.kind, top, packed, 1024);
      throw new Error('roll back the scratch rows');
    }).catch((e: Error) => expect(e.message).toBe('roll back the scratch rows'));
    await inTransaction(db, async (tx) => {
      await logRepository.writeLeaves(tx, ws.database.kind, top, leaves, leaves.map(leafHash), 1024);
      await logRepository.writeHashes(tx, ws.database.kind, top, packed, 1024);
      const back = await logRepository.readLeaves(tx, top, top + leaves.length);
      expect(back.map((r) => r.idx)).toEqual(leaves.map((_, k) => top + k));
      expect(back.every((r, k) => bytesEqual(r.data, leaves[k]) && bytesEqual(r.hash, leafHash(leaves[k])))).toBe(true);
      const hs = await logRepository.readHashRange(tx, top, top + leaves.length);
      expect(hs.map((r) => toHex(r.hash)).join('')).toBe(toHex(packed));
      // The INSERT fallback (a handle whose driver is not reachable) writes the same rows.
      const opaque = { execute: tx.execute.bind(tx) } as unknown as typeof tx;
      await logRepository.writeLeaves(opaque, ws.database.kind, top + 1000, leaves.slice(0, 3), leaves.slice(0, 3).map(leafHash));
      await logRepository.writeHashes(opaque, ws.database.kind, top + 1000, packed.subarray(0, 96));
      expect((await logRepository.readLeaves(tx, top + 1000, top + 1003)).map((r) => toHex(r.data))).toEqual(leaves.slice(0, 3).map(toHex));
      expect((await logRepository.readHashRange(tx, top + 1000, top + 1003)).map((r) => toHex(r.hash)).join('')).toBe(toHex(packed.subarray(0, 96)));
      throw new Error('roll back the scratch rows');
    }).catch((e: Error) => expect(e.message).toBe('roll back the scratch rows'));
    expect(await logRepository.size(db)).toBe(n);
  });

  it('intake.addMany: one batch append and one checkpoint for several files; a failing file keeps the ones before it', async () => {
    const v = evidenceOf(ws);
    const cps = async () => (await v.log.latest())!.size;
    const start = await cps();
    const file = (s: string) => () => Readable.from([Buffer.from(s)]);
    const added = await v.intake.addMany(INVESTIGATOR, [
      { source: file('Synthetic batch file one.\n'), input: { originalName: 'one.txt' } },
      { source: file('Synthetic batch file two.\n'), input: { originalName: 'two.txt' } },
      { source: Readable.from([Buffer.from('Synthetic batch file three.\n')]), input: { originalName: 'three.txt', sensitivity: 'restricted' } },
    ]);
    expect(added.map((r) => r.leafIndex)).toEqual([start, start + 1, start + 2]);
    expect(added.every((r) => r.treeSize === start + 3)).toBe(true);
    expect(await cps()).toBe(start + 3);
    expect((await logRepository.checkpoints(ws.database.db)).filter((c) => c.size > start).map((c) => c.size)).toEqual([start + 3]);
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
    await expect(v.intake.addMany(INVESTIGATOR, [
      { source: file('Synthetic batch file four.\n'), input: { originalName: 'four.txt' } },
      { source: () => Readable.from([elf]), input: { originalName: 'program' } },
      { source: file('Synthetic batch file six.\n'), input: { originalName: 'six.txt' } },
    ])).rejects.toBeInstanceOf(UnsupportedMediaError);
    expect(await cps()).toBe(start + 4);
    expect((await v.log.leaf(start + 3)).entry?.evidence).toBe(createHash('sha256').update('Synthetic batch file four.\n').digest('hex'));
    for (const r of added) ref.append((await v.log.leaf(r.leafIndex)).data);
    ref.append((await v.log.leaf(start + 3)).data);
    n = start + 4;
    expect(toHex((await v.log.latest())!.root)).toBe(toHex(ref.root()));
  });
});
