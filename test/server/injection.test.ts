import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthRoom } from '../../src/auth';
import { queryRows } from '../../src/db';
import { SYSTEM } from '../../src/domain';
import { csvLine, EXPORT_TABLES, exportRows } from '../../src/registry';
import { buildApp } from '../../src/server';
import { ReportService } from '../../src/findings';
import { authOf, evidenceOf } from '../../src/workspace';
import { createAccount, signIn } from '../helpers/auth';
import { backends, openTestWorkspace } from '../helpers/db';

// Hostile input in every text field that is shown back. Synthetic data only.
const HOSTILE = [
  `Robert'); DROP TABLE persons; --`,
  `" OR 1=1 --`,
  `%_\\' ; select pg_sleep(10); --`,
  `<script>alert(1)</script>`,
  `<img src=x onerror="alert(document.cookie)">`,
  `{{constructor.constructor('alert(1)')()}}`,
  `Іван'"; <b>Петренко</b> --`,
];
const FORMULAS = ['=HYPERLINK("http://evil.invalid","x")', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1', '=cmd|\' /C calc\'!A0'];

describe.each(backends())('hostile input on %s', (kind) => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  let auth: AuthRoom;
  let app: FastifyInstance;
  let h: Record<string, string>;
  let sourceId: string;
  const now = Date.parse('2025-03-01T10:00:00Z');
  const count = async (t: string) => Number((await queryRows<{ n: number }>(ws.database.db, `select count(*)::int as n from ${t}`))[0].n);

  beforeAll(async () => {
    ws = await openTestWorkspace(kind);
    auth = authOf(ws, { now: () => now });
    app = await buildApp({ workspace: ws, auth, rateLimit: { max: 1_000_000, loginMax: 1_000_000 } });
    h = (await signIn(app, await createAccount(auth, 'investigator'), now)).headers;
    sourceId = (await ws.registry.sources.create(SYSTEM, { kind: 'list', title: 'Synthetic list for hostile input' })).id;
  }, 600_000);
  afterAll(async () => {
    await app?.close();
    await ws?.dispose();
  }, 600_000);

  const post = (url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: h, payload: payload as object });
  const get = (url: string) => app.inject({ method: 'GET', url, headers: h });

  it('stores SQL metacharacters and markup literally in every text field and returns them as JSON, never as markup', async () => {
    const before = { persons: await count('persons'), sources: await count('sources') };
    for (const v of HOSTILE) {
      const s = await post('/api/v1/sources', { kind: 'testimony', title: v, origin: v, notes: v, language: 'uk' });
      expect(s.statusCode, s.body).toBe(201);
      expect(s.json()).toMatchObject({ title: v, origin: v, notes: v });
      expect(s.headers['content-type']).toMatch(/^application\/json/);
      expect(s.headers['x-content-type-options']).toBe('nosniff');
      const f = await post('/api/v1/facilities', { name: v, aliases: [`${v} alias`], settlement: v, region: v, authority: v, notes: v });
      expect(f.statusCode, f.body).toBe(201);
      expect((await get(`/api/v1/facilities/${f.json().id}`)).json()).toMatchObject({ name: v, settlement: v, region: v, authority: v, notes: v });
      const r = await post('/api/v1/person-records', { sourceId: s.json().id, familyName: v, givenName: v, patronymic: v, birthPlace: v, unit: v, rank: v, serviceNumber: v, citizenship: 'UA' });
      expect(r.statusCode, r.body).toBe(201);
      const person = (await get(`/api/v1/persons/${r.json().personId}`)).json();
      expect(person.records[0]).toMatchObject({ familyName: v, givenName: v, patronymic: v, birthPlace: v, unit: v, rank: v, serviceNumber: v });
      const c = await post('/api/v1/custody-episodes', { personRecordId: r.json().id, facilityId: f.json().id, sourceId: s.json().id, from: '2023-01', notes: v });
      expect(c.statusCode, c.body).toBe(201);
      expect((await get(`/api/v1/custody-episodes/${c.json().id}`)).json().notes).toBe(v);
      const a = await post('/api/v1/allegations', { typeCode: 'beating', sourceId: s.json().id, facilityId: f.json().id, place: v, narrative: v, perpetrators: [{ kind: 'unit', name: v, notes: v }] });
      expect(a.statusCode, a.body).toBe(201);
      expect((await get(`/api/v1/allegations/${a.json().id}`)).json()).toMatchObject({ place: v, narrative: v, perpetrators: [{ name: v, notes: v }] });
      const w = await post('/api/v1/witnesses', { sourceId: s.json().id, identity: { fullName: v, otherNames: v, notes: v }, contact: { phone: v, email: v, messenger: v, address: v, notes: v } });
      expect(w.statusCode, w.body).toBe(201);
      expect((await get(`/api/v1/witnesses/${w.json().id}/identity`)).json()).toMatchObject({ identity: { fullName: v, otherNames: v, notes: v }, contact: { phone: v, address: v } });
      const d = await post(`/api/v1/persons/${r.json().personId}/protected-details`, { kind: 'home_address', value: v });
      expect(d.statusCode, d.body).toBe(201);
      expect((await get(`/api/v1/persons/${r.json().personId}/protected-details`)).json().items[0].value).toBe(v);
    }
    // Nothing was dropped or rewritten by what the strings said.
    expect(await count('persons')).toBe(before.persons + HOSTILE.length);
    expect(await count('sources')).toBe(before.sources + HOSTILE.length);
  });

  it('searches with metacharacters literally (no wildcard, no injection)', async () => {
    for (const url of ['/api/v1/persons', '/api/v1/sources', '/api/v1/facilities', '/api/v1/allegations', '/api/v1/custody-episodes']) {
      for (const q of [...HOSTILE, '%', '_', '\\', `'`]) {
        const res = await get(`${url}?q=${encodeURIComponent(q)}`);
        expect(res.statusCode, `${url}?q=${q}: ${res.body.slice(0, 200)}`).toBe(200);
      }
    }
    const percent = (await get(`/api/v1/sources?q=${encodeURIComponent('%')}`)).json();
    expect(percent.items.every((s: { title: string }) => s.title.includes('%'))).toBe(true);
    const exact = (await get(`/api/v1/sources?q=${encodeURIComponent(HOSTILE[0])}`)).json();
    expect(exact.items.map((s: { title: string }) => s.title)).toEqual([HOSTILE[0]]);
  });

  it('escapes markup from the data in HTML reports', async () => {
    const f = await ws.registry.facilities.create(SYSTEM, { name: HOSTILE[3], notes: HOSTILE[4], published: true, sensitivity: 'public' });
    const html = String((await new ReportService(ws.database.db, ws.registry).facility(SYSTEM, f.id, { audience: 'public', format: 'html', introduction: HOSTILE[4] })).body);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;');
  });

  it('refuses a NUL character with 400 naming the field, not a server error', async () => {
    const res = await post('/api/v1/sources', { kind: 'list', title: 'nul\u0000byte' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('title');
    const q = await get(`/api/v1/persons?q=${encodeURIComponent('a\u0000b')}`);
    expect(q.statusCode, q.body).toBe(400);
  });

  it('neutralises spreadsheet formulas in every exported CSV cell', async () => {
    for (const v of FORMULAS) {
      const s = await post('/api/v1/sources', { kind: 'list', title: v, notes: v, origin: v });
      const r = await post('/api/v1/person-records', { sourceId: s.json().id, familyName: v, givenName: v, unit: v });
      await post('/api/v1/allegations', { typeCode: 'beating', sourceId: s.json().id, narrative: v, place: v, victims: [{ personRecordId: r.json().id }] });
    }
    let cells = 0;
    for (const table of EXPORT_TABLES) {
      let text = '';
      let header: string[] | undefined;
      for await (const rows of exportRows(ws.database.db, SYSTEM, table)) {
        for (const row of rows) {
          if (!header) { header = Object.keys(row); text += csvLine(header); }
          text += csvLine(header.map((k) => row[k]));
        }
      }
      for (const record of parse(text, { relax_column_count: true }) as string[][]) {
        for (const cell of record) {
          cells++;
          expect(cell, `${table}: ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
        }
      }
    }
    expect(cells).toBeGreaterThan(100);
  });

  it('keeps evidence file names as data: a name with ../ never decides where bytes are written', async () => {
    const blobs = join(ws.dir, 'blobs');
    const outside = await mkdtemp(join(tmpdir(), 'vigil-traversal-'));
    try {
      const name = `../../../../${outside.slice(1)}/escaped.txt`;
      const r = await evidenceOf(ws).intake.add(SYSTEM, Readable.from([Buffer.from('synthetic traversal test bytes')]), { originalName: name, sourceId });
      expect(r.item.originalName).toBe(name);
      expect(await readdir(outside)).toEqual([]);
      const walk = async (d: string): Promise<string[]> => (await readdir(d, { withFileTypes: true })).flatMap((e) => (e.isDirectory() ? [] : [join(d, e.name)]))
        .concat(...(await Promise.all((await readdir(d, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => walk(join(d, e.name))))));
      const files = await walk(blobs);
      expect(files.some((f) => f.endsWith(r.item.sha256))).toBe(true);
      expect(files.every((f) => !f.includes('escaped'))).toBe(true);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('refuses oversized bodies with 413 on every writing route family', async () => {
    const big = (n: number) => 'x'.repeat(n);
    expect((await post('/api/v1/witnesses', { identity: { fullName: big(70 * 1024) } })).statusCode).toBe(413);
    expect((await post(`/api/v1/persons/${'0'.repeat(8)}-0000-4000-8000-000000000000/protected-details`, { kind: 'home_address', value: big(70 * 1024) })).statusCode).toBe(413);
    expect((await post('/api/v1/sources', { kind: 'list', title: 'x', notes: big(3 * 1024 * 1024) })).statusCode).toBe(413);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: big(20_000), password: 'x' } })).statusCode).toBe(413);
  });
});
