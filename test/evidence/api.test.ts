// The evidence and log routes through the HTTP layer (Fastify inject). Synthetic data only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server';
import {
  decodeEntryBundle, fromBase64, leafHash, openCheckpoint, tileHashes, verifyConsistency, verifyInclusion,
} from '../../src/evidence';
import { syntheticJpeg } from '../../src/demo/evidence-images';
import { backends, openTestWorkspace } from '../helpers/db';
import { EXIF, INVESTIGATOR } from './fixtures';

function multipart(fields: Record<string, string>, file: { name: string; type: string; data: Buffer }) {
  const boundary = '----vigil-test-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`), file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(backends())('evidence API on %s', (kind) => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  let app: FastifyInstance;
  const ids: string[] = [];
  beforeAll(async () => {
    ws = await openTestWorkspace(kind);
    app = await buildApp({ workspace: ws, resolveActor: async () => INVESTIGATOR });
  });
  afterAll(async () => {
    await app?.close();
    await ws?.dispose();
  });

  it('uploads (multipart, streamed) and answers with hash, leaf and tree size', async () => {
    const jpeg = syntheticJpeg(EXIF);
    const res = await app.inject({ method: 'POST', url: '/api/v1/evidence', ...multipart({ sensitivity: 'restricted' }, { name: 'photo.jpg', type: 'image/png', data: jpeg }) });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ duplicate: false, leafIndex: 0, treeSize: 1, item: { mediaType: 'image/jpeg', originalName: 'photo.jpg', sensitivity: 'restricted', size: jpeg.length } });
    expect(r.item.metadata.declaredType).toBe('image/png');
    ids.push(r.item.id);
    const again = await app.inject({ method: 'POST', url: '/api/v1/evidence', ...multipart({}, { name: 'again.jpg', type: 'image/jpeg', data: jpeg }) });
    expect(again.json()).toMatchObject({ duplicate: true, leafIndex: 1 });
    ids.push(again.json().item.id);
    const bad = await app.inject({ method: 'POST', url: '/api/v1/evidence', payload: { x: 1 } });
    expect(bad.statusCode).toBe(400);
    const elf = await app.inject({ method: 'POST', url: '/api/v1/evidence', ...multipart({}, { name: 'a.bin', type: 'application/octet-stream', data: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(100)]) }) });
    expect(elf.statusCode).toBe(415);
    expect(elf.headers['content-type']).toContain('application/problem+json');
  });

  it('lists, shows custody, and logs the download of a restricted item', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/v1/evidence?limit=10' });
    expect(list.json().total).toBe(2);
    const dl = await app.inject({ method: 'GET', url: `/api/v1/evidence/${ids[0]}/content?download=1` });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toContain('attachment');
    expect(dl.rawPayload.equals(syntheticJpeg(EXIF))).toBe(true);
    const view = await app.inject({ method: 'GET', url: `/api/v1/evidence/${ids[0]}/content` });
    expect(view.headers['content-type']).toBe('image/jpeg');
    const d = (await app.inject({ method: 'GET', url: `/api/v1/evidence/${ids[0]}` })).json();
    expect(d.custody.map((c: { kind: string }) => c.kind)).toEqual(['received', 'exported', 'viewed']);
    const t = await app.inject({ method: 'POST', url: `/api/v1/evidence/${ids[0]}/transfers`, payload: { to: 'Invented court registry' } });
    expect(t.statusCode).toBe(201);
    const missing = await app.inject({ method: 'GET', url: '/api/v1/evidence/00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
  });

  it('serves the checkpoint, key, proofs and tiles that verify together', async () => {
    const note = await app.inject({ method: 'GET', url: '/log/checkpoint' });
    expect(note.headers['content-type']).toContain('text/plain');
    const key = (await app.inject({ method: 'GET', url: '/log/key' })).body.trim();
    const { checkpoint } = openCheckpoint(note.body, [key], ws.meta.logOrigin);
    expect(checkpoint.size).toBe(5);
    const proof = (await app.inject({ method: 'GET', url: `/api/v1/evidence/${ids[0]}/proof` })).json();
    expect(verifyInclusion(proof.index, proof.treeSize, leafHash(fromBase64(proof.leaf)!), proof.proof.map((p: string) => fromBase64(p)!), checkpoint.rootHash)).toBe(true);
    const inc = (await app.inject({ method: 'GET', url: '/api/v1/log/proofs/inclusion?index=3&size=5' })).json();
    expect(verifyInclusion(3, 5, fromBase64(inc.leafHash)!, inc.proof.map((p: string) => fromBase64(p)!), checkpoint.rootHash)).toBe(true);
    const older = (await app.inject({ method: 'GET', url: '/api/v1/log/proofs/inclusion?index=0&size=2' })).json();
    expect(older.treeSize).toBe(2);
    const con = (await app.inject({ method: 'GET', url: '/api/v1/log/proofs/consistency?from=2&to=5' })).json();
    const root2 = (await app.inject({ method: 'GET', url: '/log/tile/0/000.p/2' })).rawPayload;
    const [h0, h1] = tileHashes(new Uint8Array(root2));
    const { nodeHash } = await import('../../src/evidence');
    expect(verifyConsistency(2, 5, nodeHash(h0, h1), checkpoint.rootHash, con.proof.map((p: string) => fromBase64(p)!))).toBe(true);
    const tile = await app.inject({ method: 'GET', url: '/log/tile/0/000.p/5' });
    expect(tile.statusCode).toBe(200);
    expect(tile.rawPayload.length).toBe(5 * 32);
    expect(tile.headers['cache-control']).toContain('max-age=60');
    const entries = await app.inject({ method: 'GET', url: '/log/tile/entries/000.p/5' });
    const leaves = decodeEntryBundle(new Uint8Array(entries.rawPayload));
    expect(leaves.length).toBe(5);
    expect(Buffer.from(leafHash(leaves[0])).equals(Buffer.from(h0))).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/log/tile/0/000' })).statusCode).toBe(404); // no full tile yet
    expect((await app.inject({ method: 'GET', url: '/log/tile/0/000.p/6' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/log/tile/0/0' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/log/proofs/inclusion?index=9' })).statusCode).toBe(400);
    const leaf = (await app.inject({ method: 'GET', url: '/api/v1/log/leaves/2' })).json();
    expect(leaf.entry.kind).toBe('custody.exported');
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/evidence', '/api/v1/evidence/{id}', '/api/v1/log/proofs/inclusion', '/log/checkpoint']));
  });
});
