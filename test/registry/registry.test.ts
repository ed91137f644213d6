import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { SYSTEM, ValidationError } from '../../src/domain';
import { queryRows } from '../../src/db';
import { backends, dbMessage, openTestWorkspace } from '../helpers/db';

// Synthetic test data: invented names, no real persons.
describe.each(backends())('registry on %s', (kind) => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  let sourceId: string;
  let facilityId: string;
  beforeAll(async () => {
    ws = await openTestWorkspace(kind);
    sourceId = (await ws.registry.sources.create(SYSTEM, { kind: 'list', title: 'Synthetic family list', reliability: 'B', obtained: '2024-03' })).id;
    facilityId = (await ws.registry.facilities.create(SYSTEM, {
      name: 'СІЗО-7 «Лісове»', aliases: ['SIZO-7 Lisove', 'СИЗО-7 Лесное'], kind: 'pretrial_detention_centre', region: 'Invented oblast', lat: 51.5, lon: 36.1,
    })).id;
  });
  afterAll(async () => ws?.dispose());

  const count = async (table: string) => Number((await queryRows<{ n: number }>(ws.database.db, `select count(*)::int as n from ${table}`))[0].n);

  it('finds a Cyrillic record by a Latin spelling, with and without patronymic, in either order', async () => {
    const a = await ws.registry.persons.addRecord(SYSTEM, { sourceId, familyName: 'Коваленко', givenName: 'Олександр', patronymic: 'Петрович', birth: '1991-03-14', status: 'captured', statusDate: '2022-05' });
    const b = await ws.registry.persons.addRecord(SYSTEM, { sourceId, fullName: 'Александр Коваленко', birth: '1991' });
    await ws.registry.persons.addRecord(SYSTEM, { sourceId, familyName: 'Шевчук', givenName: 'Марія' });
    const res = await ws.registry.persons.list(SYSTEM, { q: 'Kovalenko Oleksandr' });
    const ids = res.items.map((p) => p.id);
    expect(ids).toContain(a.personId);
    expect(ids).toContain(b.personId);
    expect(res.total).toBe(2);
    const reversed = await ws.registry.persons.list(SYSTEM, { q: 'Oleksandr Kovalenko' });
    expect(reversed.items.map((p) => p.id)).toEqual(expect.arrayContaining([a.personId, b.personId]));
  });

  it('finds a facility by any alias', async () => {
    const res = await ws.registry.facilities.list(SYSTEM, { q: 'Lesnoe' });
    expect(res.items.map((f) => f.id)).toContain(facilityId);
  });

  it('rejects an impossible date, naming the field, and writes nothing', async () => {
    const before = await count('person_records');
    const auditBefore = await count('audit_events');
    await expect(ws.registry.persons.addRecord(SYSTEM, { sourceId, familyName: 'Тест', birth: '2023-02-30' })).rejects.toSatisfy(
      (e: unknown) => e instanceof ValidationError && e.issues.some((i) => i.field === 'birth' && /does not exist/.test(i.message)),
    );
    expect(await count('person_records')).toBe(before);
    expect(await count('audit_events')).toBe(auditBefore);
  });

  it('rejects an unknown allegation type and an episode ending before it starts', async () => {
    const before = await count('allegations');
    await expect(ws.registry.allegations.create(SYSTEM, { typeCode: 'tickling', sourceId })).rejects.toSatisfy(
      (e: unknown) => e instanceof ValidationError && e.issues[0].field === 'typeCode',
    );
    expect(await count('allegations')).toBe(before);
    const rec = await ws.registry.persons.addRecord(SYSTEM, { sourceId, familyName: 'Бондар', givenName: 'Іван' });
    await expect(ws.registry.custody.create(SYSTEM, { personRecordId: rec.id, facilityId, sourceId, from: '2024-02', to: '2023-12-01' })).rejects.toSatisfy(
      (e: unknown) => e instanceof ValidationError && e.issues[0].field === 'to',
    );
  });

  it('records custody and allegations on the timeline in date order', async () => {
    const rec = await ws.registry.persons.addRecord(SYSTEM, { sourceId, familyName: 'Мельник', givenName: 'Андрій', status: 'released', statusDate: '2024-02-07' });
    await ws.registry.custody.create(SYSTEM, { personRecordId: rec.id, facilityId, sourceId, from: '2023-03/2023-05', to: '2024-02-07' });
    await ws.registry.allegations.create(SYSTEM, { typeCode: 'beating', when: '2023-06', facilityId, sourceId, credibility: 2, victims: [{ personRecordId: rec.id }], perpetrators: [{ kind: 'call_sign', name: 'Invented-1' }] });
    const tl = await import('../../src/registry').then((m) => m.personTimeline(ws.database.db, ws.registry.persons, SYSTEM, rec.personId));
    expect(tl.events.map((e) => e.kind)).toEqual(['custody', 'allegation', 'status']);
    const dossier = await ws.registry.facilities.dossier(SYSTEM, facilityId);
    expect(dossier.allegationsByType).toEqual([expect.objectContaining({ typeCode: 'beating', count: 1 })]);
    expect(dossier.detainees.map((d) => d.personId)).toContain(rec.personId);
    expect(dossier.detaineesOverTime.length).toBeGreaterThanOrEqual(4);
    // Evidence of the sources behind the facility's custody and allegations, with file name, size and log index.
    const { evidenceOf } = await import('../../src/workspace');
    const { Readable } = await import('node:stream');
    const added = await evidenceOf(ws).intake.add(SYSTEM, Readable.from([Buffer.from('Synthetic list scan for the dossier.\n')]), { originalName: 'dossier-scan.txt', sourceId });
    const withEvidence = await ws.registry.facilities.dossier(SYSTEM, facilityId);
    expect(withEvidence.evidence).toEqual([expect.objectContaining({ id: added.item.id, fileName: 'dossier-scan.txt', size: added.item.size, logIndex: added.leafIndex, sha256: added.item.sha256 })]);
  });

  it('corrects a record by adding a version; the database refuses edits in place', async () => {
    const rec = await ws.registry.persons.addRecord(SYSTEM, { sourceId, familyName: 'Ткаченко', givenName: 'Петро', birth: '1980' });
    const v2 = await ws.registry.persons.correctRecord(SYSTEM, rec.id, { birth: '1980-07-02' });
    expect(v2.version).toBe(2);
    expect(v2.supersedes).toBe(rec.id);
    const hist = await ws.registry.persons.recordHistory(SYSTEM, v2.id);
    expect(hist.map((h) => h.birth)).toEqual(['1980-07-02', '1980']);
    const err = await ws.database.db.execute(sql`update person_records set family_name = 'X' where id = ${rec.id}`).catch((e: Error) => e);
    expect(dbMessage(err)).toMatch(/immutable/);
    const person = await ws.registry.persons.get(SYSTEM, rec.personId);
    expect(person.birth).toBe('1980-07-02');
    expect(person.recordCount).toBe(1);
  });

  it('writes an audit event for every change with personal fields redacted', async () => {
    const rec = await ws.registry.persons.addRecord(SYSTEM, { sourceId, familyName: 'Зайченко', givenName: 'Остап' });
    const rows = await queryRows<{ diff: unknown }>(ws.database.db, sql`select diff from audit_events where entity_id = ${rec.id}`);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0].diff)).not.toContain('Зайченко');
  });

  it('filters persons by facility and period and pages with a total', async () => {
    const inFac = await ws.registry.persons.list(SYSTEM, { facilityId, from: '2023', to: '2023-12' });
    expect(inFac.total).toBeGreaterThan(0);
    const pageOne = await ws.registry.persons.list(SYSTEM, { limit: 2, offset: 0, sort: 'name' });
    const pageTwo = await ws.registry.persons.list(SYSTEM, { limit: 2, offset: 2, sort: 'name' });
    expect(pageOne.total).toBe(pageTwo.total);
    expect(pageOne.items.map((p) => p.id)).not.toEqual(pageTwo.items.map((p) => p.id));
  });
});
