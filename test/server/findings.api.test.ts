import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { buildApp } from '../../src/server';
import { SYSTEM } from '../../src/domain';
import { inTransaction } from '../../src/db';
import { as, roleFromHeader } from '../helpers/actor';
import { backends, openTestWorkspace } from '../helpers/db';

// Synthetic data only. The actor comes from a test header so each role can be tried.
const resolveActor = roleFromHeader('anonymous');
const hiv = readFileSync(new URL('../fixtures/mse/hiv_rome.csv', import.meta.url), 'utf8');

describe.each(backends())('statistics and findings API on %s', (kind) => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  let app: FastifyInstance;
  let facilityId: string;

  beforeAll(async () => {
    ws = await openTestWorkspace(kind);
    app = await buildApp({ workspace: ws, resolveActor });
    const reg = ws.registry;
    await inTransaction(ws.database.db, async (tx) => {
      facilityId = (await reg.facilities.create(SYSTEM, { name: 'Camp (invented)', published: true, sensitivity: 'public' }, tx)).id;
      const a = await reg.sources.create(SYSTEM, { kind: 'list', title: 'List A (synthetic)', published: true, sensitivity: 'public' }, tx);
      const b = await reg.sources.create(SYSTEM, { kind: 'testimony', title: 'Interview (synthetic)' }, tx);
      for (let i = 0; i < 12; i++) {
        const r = await reg.persons.addRecord(SYSTEM, { sourceId: a.id, familyName: `Person${i}`, status: i < 6 ? 'released' : 'captured' }, tx);
        if (i < 4) await reg.persons.addRecord(SYSTEM, { sourceId: b.id, personId: r.personId, familyName: `Person${i}`, status: 'released' }, tx);
        await reg.custody.create(SYSTEM, { personRecordId: r.id, facilityId, sourceId: a.id, from: '2022-05' }, tx);
        if (i < 2) await reg.allegations.create(SYSTEM, { typeCode: 'beating', when: '2022-06', facilityId, sourceId: b.id, victims: [{ personRecordId: r.id }] }, tx);
      }
      const c = await reg.sources.create(SYSTEM, { kind: 'list', title: 'List C (synthetic)' }, tx);
      for (let i = 0; i < 5; i++) await reg.persons.addRecord(SYSTEM, { sourceId: c.id, familyName: `Other${i}` }, tx);
    });
  });
  afterAll(async () => {
    await app?.close();
    await ws?.dispose();
  });

  it('POST /stats/mse on a counts table reproduces the HIV figure; bad CSV is a 400 naming line and column', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/stats/mse', headers: as('analyst'), payload: { csv: hiv, model: '[12,3,4]' } });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.N.toFixed(1)).toBe('12318.5');
    expect(Object.keys(r).sort()).toEqual(['N', 'aic', 'bic', 'ci', 'deviance', 'df', 'lists', 'model', 'models', 'n', 'se', 'sentence', 'warnings']);
    const bad = await app.inject({ method: 'POST', url: '/api/v1/stats/mse', headers: as('analyst'), payload: { csv: 'a,b,count\n1,0,3\n0,2,4\n' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.json())).toContain('line 3, column \\"b\\"');
  });

  it('POST /stats/mse with lists and /stats/rates; only analysts and administrators run statistics', async () => {
    const lists = await app.inject({ method: 'POST', url: '/api/v1/stats/mse', headers: as('administrator'), payload: { lists: ['List A (synthetic)', 'Interview (synthetic)'] } });
    expect(lists.statusCode).toBe(200);
    expect(lists.json().table.rows).toEqual([{ pattern: [1, 1], count: 4 }, { pattern: [0, 1], count: 0 }, { pattern: [1, 0], count: 8 }]);
    const rates = await app.inject({
      method: 'POST', url: '/api/v1/stats/rates', headers: as('analyst'),
      payload: { denominator: { persons: { statuses: ['released'] } }, numerator: { allegations: { types: ['beating'] } }, stratify: 'facility' },
    });
    expect(rates.statusCode).toBe(200);
    expect(rates.json().total).toMatchObject({ numerator: 2, denominatorCount: 6, denominator: 'persons whose current status is released' });
    expect(rates.json().strata.items[0]).toMatchObject({ label: 'Camp (invented)', numerator: 2, denominatorCount: 6 });
    for (const role of ['investigator', 'reviewer'] as const) {
      expect((await app.inject({ method: 'POST', url: '/api/v1/stats/rates', headers: as(role), payload: { denominator: {}, numerator: {} } })).statusCode).toBe(403);
    }
    expect((await app.inject({ method: 'POST', url: '/api/v1/stats/mse', payload: { csv: hiv } })).statusCode).toBe(401);
  });

  it('findings over the API: create, review, publish by role; frozen; recompute; revise', async () => {
    const body = {
      slug: 'released-beaten', title: 'Beating among released persons',
      statement: '{percent} of released persons ({numerator} of {denominator}) were beaten ({level} interval {lower} to {upper}).',
      query: { kind: 'rate', denominator: { persons: { statuses: ['released'] } }, numerator: { allegations: { types: ['beating'] } } },
    };
    expect((await app.inject({ method: 'POST', url: '/api/v1/findings', headers: as('reviewer'), payload: body })).statusCode).toBe(403);
    const created = await app.inject({ method: 'POST', url: '/api/v1/findings', headers: as('analyst'), payload: body });
    expect(created.statusCode).toBe(201);
    const f = created.json();
    expect(f.text).toBe('33.3% of released persons (2 of 6) were beaten (95% interval 9.7% to 70.0%).');
    const invalid = await app.inject({ method: 'POST', url: '/api/v1/findings', headers: as('analyst'), payload: { ...body, slug: 'other', statement: 'About 2 of {denominator}.' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors[0].field).toBe('statement');

    expect((await app.inject({ method: 'POST', url: `/api/v1/findings/${f.id}/review`, headers: as('analyst'), payload: {} })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/v1/findings/${f.id}/review`, headers: as('reviewer'), payload: { note: 'ok' } })).json().status).toBe('reviewed');
    expect((await app.inject({ method: 'POST', url: `/api/v1/findings/${f.id}/publish`, headers: as('reviewer') })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/findings' })).json().total).toBe(0); // the public sees nothing yet
    const published = await app.inject({ method: 'POST', url: `/api/v1/findings/${f.id}/publish`, headers: as('administrator') });
    expect(published.statusCode).toBe(200);
    expect(published.json().status).toBe('published');

    const publicList = await app.inject({ method: 'GET', url: '/api/v1/findings' });
    expect(publicList.json().items.map((x: { ref: string }) => x.ref)).toEqual(['released-beaten@1']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/findings/released-beaten' })).json().text).toBe(f.text);

    const frozen = await app.inject({ method: 'PATCH', url: `/api/v1/findings/${f.id}`, headers: as('analyst'), payload: { title: 'x' } });
    expect(frozen.statusCode).toBe(409);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/findings/${f.id}`, headers: as('administrator') })).statusCode).toBe(409);

    await ws.registry.allegations.create(SYSTEM, { typeCode: 'beating', facilityId, sourceId: (await ws.registry.sources.list(SYSTEM, { q: 'Interview' })).items[0].id, victims: [{ personId: (await ws.registry.persons.list(SYSTEM, { status: 'released', sort: 'name' })).items[5].id }] });
    const re = await app.inject({ method: 'POST', url: `/api/v1/findings/${f.id}/recompute`, headers: as('reviewer') });
    expect(re.statusCode).toBe(200);
    expect(re.json()).toMatchObject({ same: false, saved: false, stored: { text: f.text } });
    expect(re.json().today.text).toContain('(3 of 6)');
    expect((await app.inject({ method: 'POST', url: `/api/v1/findings/${f.id}/recompute` })).statusCode).toBe(401);

    const v2 = await app.inject({ method: 'POST', url: `/api/v1/findings/${f.id}/revise`, headers: as('analyst'), payload: {} });
    expect(v2.statusCode).toBe(201);
    expect(v2.json()).toMatchObject({ ref: 'released-beaten@2', supersedes: f.id, status: 'draft' });
    const all = await app.inject({ method: 'GET', url: '/api/v1/findings?allVersions=true', headers: as('analyst') });
    expect(all.json().items.map((x: { ref: string; supersededBy: string | null }) => [x.ref, x.supersededBy])).toEqual([['released-beaten@2', null], ['released-beaten@1', v2.json().id]]);
  });

  it('GET reports: HTML under a CSP that allows exactly its style block, Markdown, and a facility report', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/reports/briefing?findings=released-beaten@1&format=html', headers: as('analyst') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    const hash = createHash('sha256').update(style).digest('base64');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Finding released-beaten@1');
    const md = await app.inject({ method: 'GET', url: '/api/v1/reports/briefing?findings=released-beaten@1&format=md', headers: as('analyst') });
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.body).toContain('[^1]: Finding released-beaten@1');
    const bySlug = await app.inject({ method: 'GET', url: '/api/v1/reports/briefing?findings=released-beaten&format=md', headers: as('analyst') });
    expect(bySlug.body).toContain('[^1]: Finding released-beaten@1'); // a slug names its latest published version in a public report
    const draft = await app.inject({ method: 'GET', url: '/api/v1/reports/briefing?findings=released-beaten@2&format=md', headers: as('analyst') });
    expect(draft.statusCode).toBe(400);
    const internal = await app.inject({ method: 'GET', url: '/api/v1/reports/briefing?findings=released-beaten@2&format=md&audience=internal', headers: as('analyst') });
    expect(internal.statusCode).toBe(200);
    expect(internal.body).toContain('INTERNAL');
    const fac = await app.inject({ method: 'POST', url: `/api/v1/reports/facility/${facilityId}`, headers: as('investigator'), payload: { format: 'html', recommendations: ['Open the place to independent monitors.'] } });
    expect(fac.statusCode).toBe(200);
    expect(fac.body).toContain('Open the place to independent monitors.');
    expect((await app.inject({ method: 'GET', url: `/api/v1/reports/facility/${facilityId}`, headers: as('reviewer') })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/v1/reports/facility/${facilityId}` })).statusCode).toBe(401);
  });

  it('documents the new routes in OpenAPI', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const p of ['/api/v1/stats/mse', '/api/v1/stats/rates', '/api/v1/findings', '/api/v1/findings/{ref}/publish', '/api/v1/reports/briefing', '/api/v1/reports/facility/{id}']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
});
