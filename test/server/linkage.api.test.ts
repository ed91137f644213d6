import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db';
import { buildApp } from '../../src/server';
import { toPair } from '../../web/src/api/pending';
import { as, roleFromHeader } from '../helpers/actor';
import { backends, openTestWorkspace } from '../helpers/db';
import { seedPeople, type Seeded } from '../persons-linkage/fixtures';

// Synthetic people only. The actor's role comes from a test header (sign-in is tested in auth.test.ts).
describe.each(backends())('linkage API on %s', (kind) => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  let app: FastifyInstance;
  let s: Seeded;
  beforeAll(async () => {
    ws = await openTestWorkspace(kind);
    s = await seedPeople(ws, { count: 25, seed: 9 });
    app = await buildApp({
      workspace: ws,
      resolveActor: roleFromHeader('anonymous'),
    });
  });
  afterAll(async () => {
    await app?.close();
    await ws?.dispose();
  });

  it('starts a run and lists runs (analysts run, the public may not)', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/v1/linkage/runs', payload: {} })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/v1/linkage/runs', headers: as('investigator'), payload: {} })).statusCode).toBe(403);
    const res = await app.inject({ method: 'POST', url: '/api/v1/linkage/runs', headers: as('analyst'), payload: { threshold: 0.999999, reviewLower: 0.001 } });
    expect(res.statusCode).toBe(200);
    const sum = res.json();
    expect(sum).toMatchObject({ incremental: false, records: s.truth.size, reviewQueue: expect.any(Number), timings: { totalMs: expect.any(Number) } });
    expect(sum.reviewQueue).toBeGreaterThan(5);
    const runs = await app.inject({ method: 'GET', url: '/api/v1/linkage/runs', headers: as('reviewer') });
    expect(runs.statusCode).toBe(200);
    expect(runs.json()).toMatchObject({ total: 1, items: [{ id: sum.runId, actor: 'test-analyst', incremental: false, params: { threshold: 0.999999 } }] });
    const bad = await app.inject({ method: 'POST', url: '/api/v1/linkage/runs', headers: as('analyst'), payload: { threshold: 0.1, reviewLower: 0.5 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('reviewLower');
  });

  it('serves the review queue in the shape the web app parses, and takes decisions', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/linkage/review?limit=3', headers: as('reviewer') });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(3);
    const item = body.items[0];
    expect(item).toMatchObject({ id: expect.any(String), probability: expect.any(Number), weight: expect.any(Number), recordA: { id: expect.any(String) }, recordB: { id: expect.any(String) } });
    expect(item.explanation[0]).toMatchObject({ comparison: expect.any(String), weight: expect.any(Number) });
    // The web client's own parser (web/src/api/pending.ts) reads it.
    const parsed = toPair(item, body.total);
    expect(parsed.id).toBe(item.id);
    expect(parsed.left.id).toBe(item.recordA.id);
    expect(parsed.left.personId).toBe(item.recordA.personId);
    expect(parsed.left.sourceTitle).toMatch(/Synthetic/);
    expect(Object.keys(parsed.left.fields)).toEqual(expect.arrayContaining(['familyName', 'birth']));
    expect(parsed.comparisons.map((c) => c.field)).toEqual(expect.arrayContaining(['familyName', 'givenName']));
    expect(parsed.remaining).toBe(body.total);

    // Analysts read the queue but may not decide.
    const pair = body.items.find((p: { recordA: { id: string }; recordB: { id: string } }) => s.truth.get(p.recordA.id) === s.truth.get(p.recordB.id) && p.recordA.id) ?? item;
    expect((await app.inject({ method: 'POST', url: `/api/v1/linkage/review/${pair.id}`, headers: as('analyst'), payload: { decision: 'match' } })).statusCode).toBe(403);
    const d = await app.inject({ method: 'POST', url: `/api/v1/linkage/review/${pair.id}`, headers: as('reviewer'), payload: { decision: 'match' } });
    expect(d.statusCode).toBe(200);
    expect(d.json()).toMatchObject({ id: pair.id, status: 'match', decision: 'match', regroup: { persons: [expect.any(String)] } });
    const one = await app.inject({ method: 'GET', url: `/api/v1/linkage/review/${pair.id}`, headers: as('reviewer') });
    expect(one.json()).toMatchObject({ status: 'match', samePerson: true });
    const skip = await app.inject({ method: 'POST', url: `/api/v1/linkage/review/${body.items[1].id}`, headers: as('administrator'), payload: { decision: 'skip' } });
    expect(skip.json()).toMatchObject({ status: 'skipped', regroup: null });
    const after = (await app.inject({ method: 'GET', url: '/api/v1/linkage/review?limit=200', headers: as('reviewer') })).json();
    expect(after.total).toBe(body.total - 2);
    expect((await app.inject({ method: 'POST', url: `/api/v1/linkage/review/${pair.id}`, headers: as('reviewer'), payload: { decision: 'perhaps' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/v1/linkage/review/00000000-0000-4000-8000-000000000000', headers: as('reviewer'), payload: { decision: 'match' } })).statusCode).toBe(404);
    const audit = await queryRows<{ action: string }>(ws.database.db, `select action from audit_events where entity in ('link_decision', 'link_pair') order by id`);
    expect(audit.map((a) => a.action)).toEqual(['match', 'skip']);
  });

  it('merges and unmerges persons with history', async () => {
    const persons = (await app.inject({ method: 'GET', url: '/api/v1/persons?limit=2&sort=name', headers: as('reviewer') })).json().items as { id: string }[];
    const [a, b] = persons.map((p) => p.id);
    expect((await app.inject({ method: 'POST', url: `/api/v1/persons/${a}/merge`, headers: as('investigator'), payload: { persons: [b] } })).statusCode).toBe(403);
    const m = await app.inject({ method: 'POST', url: `/api/v1/persons/${a}/merge`, headers: as('reviewer'), payload: { persons: [b], note: 'synthetic' } });
    expect(m.statusCode).toBe(200);
    const merged = m.json();
    expect(merged.regroup.merged).toBe(1);
    const gone = merged.person === a ? b : a;
    const h = await app.inject({ method: 'GET', url: `/api/v1/persons/${gone}/merges`, headers: as('analyst') });
    expect(h.statusCode).toBe(200);
    expect(h.json()).toMatchObject({ exists: false, mergedInto: merged.person, items: [{ action: 'merge' }] });
    const detail = (await app.inject({ method: 'GET', url: `/api/v1/persons/${merged.person}`, headers: as('reviewer') })).json();
    const leaving = detail.records.at(-1).id as string;
    const u = await app.inject({ method: 'POST', url: `/api/v1/persons/${merged.person}/unmerge`, headers: as('administrator'), payload: { records: [leaving] } });
    expect(u.statusCode).toBe(200);
    expect(u.json()).toMatchObject({ person: merged.person, regroup: { newPersons: 1, unmerged: 1 } });
    const hist = (await app.inject({ method: 'GET', url: `/api/v1/persons/${merged.person}/merges`, headers: as('reviewer') })).json();
    expect(hist.items.map((i: { action: string }) => i.action)).toEqual(['merge', 'unmerge']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/persons/00000000-0000-4000-8000-000000000000/merges', headers: as('reviewer') })).statusCode).toBe(404);
    const bad = await app.inject({ method: 'POST', url: `/api/v1/persons/${merged.person}/unmerge`, headers: as('reviewer'), payload: { records: ['not-an-id'] } });
    expect(bad.statusCode).toBe(400);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/api/v1/linkage/runs', '/api/v1/linkage/review', '/api/v1/linkage/review/{id}', '/api/v1/persons/{id}/merge', '/api/v1/persons/{id}/unmerge', '/api/v1/persons/{id}/merges',
    ]));
  });
});
