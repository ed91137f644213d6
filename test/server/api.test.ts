import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server';
import { backends, openTestWorkspace } from '../helpers/db';

// Synthetic data only.
describe.each(backends())('REST API on %s', (kind) => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  let app: FastifyInstance;
  let sourceId: string;
  beforeAll(async () => {
    ws = await openTestWorkspace(kind);
    // These tests exercise the registry API as a signed-in investigator; sign-in itself is tested in test/server/auth.test.ts.
    app = await buildApp({ workspace: ws, resolveActor: async () => ({ id: 'test-investigator', role: 'investigator' }) });
  });
  afterAll(async () => {
    await app?.close();
    await ws?.dispose();
  });

  it('answers health with the database in use', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: { kind }, workspace: { kind: 'real' } });
    expect(res.headers['x-vigil-workspace-kind']).toBe('real');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
  });

  it('creates and lists through the API with {items, total}', async () => {
    const s = await app.inject({ method: 'POST', url: '/api/v1/sources', payload: { kind: 'list', title: 'Synthetic NGO list', reliability: 'C' } });
    expect(s.statusCode).toBe(201);
    sourceId = s.json().id;
    const r = await app.inject({ method: 'POST', url: '/api/v1/person-records', payload: { sourceId, familyName: 'Гнатюк', givenName: 'Степан', birth: '1988-11' } });
    expect(r.statusCode).toBe(201);
    const list = await app.inject({ method: 'GET', url: '/api/v1/persons?q=Hnatiuk%20Stepan&limit=10' });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(1);
    expect(list.json().items[0].displayName).toBe('Гнатюк Степан');
  });

  it('answers invalid writes with problem+json naming the field, and changes nothing', async () => {
    const before = (await app.inject({ method: 'GET', url: '/api/v1/status' })).json().counts;
    const bad = [
      { url: '/api/v1/person-records', payload: { sourceId, familyName: 'Тест', birth: '2023-02-30' }, field: 'birth' },
      { url: '/api/v1/allegations', payload: { sourceId, typeCode: 'not-a-type' }, field: 'typeCode' },
      { url: '/api/v1/facilities', payload: { name: 'X', inUseFrom: '2024-05', inUseTo: '2023' }, field: 'inUseTo' },
    ];
    for (const b of bad) {
      const res = await app.inject({ method: 'POST', url: b.url, payload: b.payload });
      expect(res.statusCode, b.url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const p = res.json();
      expect(p.status).toBe(400);
      expect(p.errors.map((e: { field: string }) => e.field)).toContain(b.field);
    }
    const after = (await app.inject({ method: 'GET', url: '/api/v1/status' })).json().counts;
    expect(after).toEqual(before);
  });

  it('serves an OpenAPI document generated from the schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/persons', '/api/v1/facilities/{id}/dossier', '/api/health']));
    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  it('answers 404 as problem+json for unknown ids', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/persons/00000000-0000-4000-8000-000000000000' });
    expect(res.statusCode).toBe(404);
    expect(res.json().title).toBe('Not found');
  });
});
