/**
 * POST /api/v1/testimonies: one witness account stored atomically (source, encrypted witness
 * identity, pseudonymous witness record, custody, fellow detainees, allegations), on PGlite and
 * PostgreSQL. Synthetic data only.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db';
import { SYSTEM } from '../../src/domain';
import { buildApp } from '../../src/server';
import { as, roleFromHeader } from '../helpers/actor';
import { backends, openTestWorkspace } from '../helpers/db';

const REAL_NAME = 'Invented Witness Realname-7Q';
const CONTACT = '+000 invented 5550199';

const resolveActor = roleFromHeader('investigator');

describe.each(backends())('testimonies on %s', (kind) => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  let app: FastifyInstance;
  let facilityId: string;
  const count = async (table: string) => Number((await queryRows<{ n: string }>(ws.database.db, sql.raw(`select count(*) as n from ${table}`)))[0].n);
  const tables = ['sources', 'person_records', 'custody_episodes', 'allegations', 'witnesses', 'audit_events'];
  const snapshot = async () => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(t)] as const)));

  const body = (over: Record<string, unknown> = {}) => ({
    witness: { pseudonym: 'W-TEST-001', status: 'released', identity: { fullName: REAL_NAME, birth: '1990' }, contact: CONTACT },
    interview: { obtained: '2024-05', language: 'uk', reliability: 'B', notes: 'Synthetic interview.' },
    custody: [{ facilityId, from: '2022-04', to: '2023-09' }],
    fellowDetainees: [{ ref: 'f1', name: 'Тестенко Павло', facilityId, from: '2022-05' }, { ref: 'f2', name: 'Вигаданюк Ігор' }],
    perpetrators: [{ ref: 'p1', kind: 'call_sign', name: '"Invented-1"' }],
    allegations: [
      { typeCode: 'beating', when: '2022-05', facilityId, credibility: 2, victims: ['witness', 'f1'], perpetrators: ['p1'] },
      { typeCode: 'electric_shock', when: '2022', credibility: 3, victims: ['f2'], perpetrators: [] },
    ],
    ...over,
  });

  beforeAll(async () => {
    ws = await openTestWorkspace(kind);
    app = await buildApp({ workspace: ws, resolveActor });
    facilityId = (await ws.registry.facilities.create(SYSTEM, { name: 'Вигадане СІЗО №0', kind: 'pretrial_detention_centre' })).id;
  });
  afterAll(async () => {
    await app?.close();
    await ws?.dispose();
  });

  it('stores the whole account: pseudonymous records, custody, allegations with victims and perpetrators, identity only encrypted', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/testimonies', payload: body() });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ custodyEpisodes: 2, allegationIds: [expect.any(String), expect.any(String)], witnessId: expect.any(String) });
    expect(r.pseudonym).not.toContain('Realname');
    expect(Object.keys(r.records).sort()).toEqual(['f1', 'f2', 'witness']);
    const src = await ws.registry.sources.get(SYSTEM, r.sourceId);
    expect(src).toMatchObject({ kind: 'testimony', title: 'Testimony of W-TEST-001 (2024-05)', reliability: 'B', sensitivity: 'internal' });
    const beating = await ws.registry.allegations.get(SYSTEM, r.allegationIds[0]);
    expect(beating.victims.map((v) => v.personRecordId).sort()).toEqual([r.records.witness, r.records.f1].sort());
    expect(beating.perpetrators).toEqual([{ kind: 'call_sign', name: '"Invented-1"', notes: null }]);
    // The real name and contact exist only as ciphertext: no table holds them in clear text.
    const dump = JSON.stringify(await queryRows(ws.database.db, sql`select * from witnesses`))
      + JSON.stringify(await queryRows(ws.database.db, sql`select diff from audit_events`))
      + JSON.stringify(await queryRows(ws.database.db, sql`select * from person_records`))
      + JSON.stringify(await queryRows(ws.database.db, sql`select * from sources`));
    expect(dump).not.toContain('Realname');
    expect(dump).not.toContain('5550199');
    expect(res.body).not.toContain('Realname');
  });

  it('refuses refs that point nowhere, naming the field, and writes nothing', async () => {
    const before = await snapshot();
    const res = await app.inject({ method: 'POST', url: '/api/v1/testimonies', payload: body({ allegations: [{ typeCode: 'beating', victims: ['f9'], perpetrators: ['p7'] }] }) });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['allegations.0.victims.0', 'allegations.0.perpetrators.0']));
    expect(await snapshot()).toEqual(before);
  });

  it('refuses identity details or a contact without the real name instead of dropping them, and writes nothing', async () => {
    const before = await snapshot();
    const witness = { pseudonym: 'W-TEST-002', status: 'released', identity: { fullName: null, birth: '1990' }, contact: CONTACT };
    const res = await app.inject({ method: 'POST', url: '/api/v1/testimonies', payload: body({ witness }) });
    expect(res.statusCode).toBe(400);
    expect((res.json().errors as { field: string }[]).map((e) => e.field)).toEqual(['witness.identity.fullName']);
    expect(await snapshot()).toEqual(before);
  });

  it('is all or nothing: an unknown allegation type after the source and records were written leaves no trace', async () => {
    const before = await snapshot();
    const res = await app.inject({ method: 'POST', url: '/api/v1/testimonies', payload: body({ allegations: [{ typeCode: 'beating', victims: ['witness'] }, { typeCode: 'not_a_type', victims: ['f1'] }] }) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('typeCode');
    expect(await snapshot()).toEqual(before);
  });

  it('is for investigators and administrators: analysts get 403, the public 401 or 403', async () => {
    const analyst = await app.inject({ method: 'POST', url: '/api/v1/testimonies', payload: body(), headers: as('analyst') });
    expect(analyst.statusCode).toBe(403);
    const anon = await app.inject({ method: 'POST', url: '/api/v1/testimonies', payload: body(), headers: as('anonymous') });
    expect([401, 403]).toContain(anon.statusCode);
  });
});
