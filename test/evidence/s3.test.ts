// The S3 blob store against an in-process fake S3 server (127.0.0.1), and a vault using it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { createEvidenceVault, hashStream, S3BlobStore } from '../../src/evidence';
import { readKeyFile, writeKeyFile } from '../../src/workspace';
import { openTestWorkspace } from '../helpers/db';
import { startFakeS3, type FakeS3 } from './fake-s3';
import { INVESTIGATOR } from './fixtures';

const creds = { accessKeyId: 'test', secretAccessKey: 'test' };

describe('S3 blob store (fake S3 on 127.0.0.1)', () => {
  let s3: FakeS3;
  let store: S3BlobStore;
  beforeAll(async () => {
    s3 = await startFakeS3();
    store = new S3BlobStore({ bucket: 'evidence', prefix: 'vault/', endpoint: s3.url, region: 'us-east-1', credentials: creds, multipartThreshold: 1000, partSize: 400 });
  });
  afterAll(async () => {
    await store?.close();
    await s3?.close();
  });

  it('puts content-addressed objects once, with PUT or multipart, and reads them back', async () => {
    const small = Buffer.from('synthetic small object\n');
    const big = Buffer.alloc(2500, 7);
    const a = await store.put(Readable.from([small]));
    const b = await store.put(Readable.from([big.subarray(0, 1000), big.subarray(1000)]));
    const again = await store.put(Readable.from([small]));
    expect(again).toMatchObject({ sha256: a.sha256, existed: true });
    expect(a.existed).toBe(false);
    expect([...s3.objects.keys()].sort()).toEqual([`evidence/vault/sha256/${a.sha256.slice(0, 2)}/${a.sha256.slice(2, 4)}/${a.sha256}`, `evidence/vault/sha256/${b.sha256.slice(0, 2)}/${b.sha256.slice(2, 4)}/${b.sha256}`].sort());
    expect(s3.requests).toContain('POST object?uploads');
    expect(s3.requests.filter((r) => r.startsWith('PUT object?') && r.includes('uploadId'))).toHaveLength(7);
    expect((await hashStream(await store.open(b.sha256))).sha256).toBe(b.sha256);
    expect(await store.stat(a.sha256)).toEqual({ size: small.length });
    expect(await store.stat('0'.repeat(64))).toBeNull();
    await expect(store.open('0'.repeat(64))).rejects.toThrow(/not in the store/);
    const names: string[] = [];
    for await (const n of store.list()) names.push(n);
    expect(names.sort()).toEqual([a.sha256, b.sha256].sort());
  });

  it('backs a vault: intake, and verify names an object altered in the bucket', async () => {
    const ws = await openTestWorkspace('pglite');
    try {
      const v = createEvidenceVault({
        db: ws.database.db, kind: ws.database.kind, dir: ws.dir, origin: ws.meta.logOrigin, storage: { kind: 's3', bucket: 'evidence2' },
        keys: { read: (n) => readKeyFile(ws.dir, n), write: (n, c) => writeKeyFile(ws.dir, n, c) },
        blobs: new S3BlobStore({ bucket: 'evidence2', endpoint: s3.url, credentials: creds }),
      });
      const r = await v.intake.add(INVESTIGATOR, Readable.from([Buffer.from('synthetic S3 evidence\n')]), { originalName: 's3.txt' });
      expect(r.item.mediaType).toBe('text/plain');
      expect((await v.verify()).ok).toBe(true);
      const k = [...s3.objects.keys()].find((x) => x.startsWith('evidence2/'))!;
      s3.objects.set(k, Buffer.from('synthetic S3 evidencE\n'));
      const rep = await v.verify();
      expect(rep.problems.map((p) => p.message)).toEqual([expect.stringContaining(`blob ${r.item.sha256} is altered`)]);
      await v.close();
    } finally {
      await ws.dispose();
    }
  });
});
