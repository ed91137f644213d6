/**
 * The web app's files: sent pre-compressed (brotli or gzip, as the browser accepts) from the .br/.gz
 * files the build writes, plain otherwise; client-side routes answer index.html; API answers are never
 * compressed (BREACH). A small web root is written here, so the test does not depend on `vite build`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server';
import { openTestWorkspace } from '../helpers/db';

const JS = `console.log(${JSON.stringify('synthetic asset '.repeat(200))});\n`;
const HTML = '<!doctype html><html lang="en"><head><title>Vigil</title><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>\n';

describe('web app files (PGlite)', () => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  let app: FastifyInstance;
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'vigil-web-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), HTML);
    await writeFile(join(root, 'assets', 'app.js'), JS);
    await writeFile(join(root, 'assets', 'app.js.gz'), gzipSync(JS));
    await writeFile(join(root, 'assets', 'app.js.br'), brotliCompressSync(JS));
    ws = await openTestWorkspace('pglite');
    app = await buildApp({ workspace: ws, webRoot: root });
  });
  afterAll(async () => {
    await app?.close();
    await ws?.dispose();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('sends brotli, gzip or plain bytes of the same asset as the browser accepts', async () => {
    const br = await app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(JS);
    const gz = await app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(JS);
    expect(gz.rawPayload.length).toBeLessThan(JS.length / 5);
    const plain = await app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(JS);
    expect(String(plain.headers['content-type'])).toMatch(/javascript/);
  });

  it('answers client-side routes with index.html and unknown API paths with problem+json', async () => {
    const page = await app.inject({ url: '/persons?q=koval' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toBe(HTML);
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    const api = await app.inject({ url: '/api/v1/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });

  it('never compresses API answers', async () => {
    const res = await app.inject({ url: '/api/v1/persons?limit=200', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
  });
});
