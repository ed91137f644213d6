import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatisticsService } from '../../src/analysis';
import { SYSTEM, ValidationError, type Actor } from '../../src/domain';
import { inTransaction } from '../../src/db';
import { proportionRate, runMse } from '../../src/stats';
import { backends, openTestWorkspace } from '../helpers/db';

// Synthetic data only: invented names, sources and places.
const ANALYST: Actor = { id: 'analyst-1', role: 'analyst' };

/** How many persons are on exactly these lists (A, B, C). */
const PATTERNS: [string, number][] = [['100', 20], ['010', 15], ['001', 10], ['110', 6], ['101', 4], ['011', 3], ['111', 2]];

describe.each(backends())('statistics over the workspace on %s', (kind) => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  let stats: StatisticsService;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ws = await openTestWorkspace(kind);
    stats = new StatisticsService(ws.database.db);
    const reg = ws.registry;
    await inTransaction(ws.database.db, async (tx) => {
      for (const [key, title, k] of [['A', 'List A (synthetic)', 'list'], ['B', 'List B (synthetic)', 'list'], ['C', 'Channel C (synthetic)', 'social_media_post']] as const) {
        ids[key] = (await reg.sources.create(SYSTEM, { kind: k, title, origin: `Org ${key}`, reliability: 'B' }, tx)).id;
      }
      ids.restricted = (await reg.sources.create(SYSTEM, { kind: 'list', title: 'Restricted list (synthetic)', sensitivity: 'restricted' }, tx)).id;
      ids.f1 = (await reg.facilities.create(SYSTEM, { name: 'Camp One (invented)', region: 'North (invented)', published: true, sensitivity: 'public' }, tx)).id;
      ids.f2 = (await reg.facilities.create(SYSTEM, { name: 'Camp Two (invented)', region: 'South (invented)', sensitivity: 'internal' }, tx)).id;
      const lists = [ids.A, ids.B, ids.C];
      let n = 0;
      for (const [pattern, count] of PATTERNS) {
        for (let c = 0; c < count; c++, n++) {
          const on = [...pattern].map((b, i) => (b === '1' ? lists[i] : null)).filter((x): x is string => x !== null);
          const year = n % 2 ? '2022' : '2023';
          const first = await reg.persons.addRecord(SYSTEM, { sourceId: on[0], familyName: `Synthetic${n}`, givenName: 'Test', status: 'captured', statusDate: `${year}-05` }, tx);
          for (const s of on.slice(1)) await reg.persons.addRecord(SYSTEM, { sourceId: s, personId: first.personId, familyName: `Synthetic${n}`, status: 'captured', statusDate: `${year}-05` }, tx);
          await reg.custody.create(SYSTEM, { personRecordId: first.id, facilityId: n % 3 ? ids.f1 : ids.f2, sourceId: on[0], from: `${year}-05` }, tx);
        }
      }
      // Released persons interviewed: 10 testimonies; 4 of them report torture, 1 only forced labour.
      for (let t = 0; t < 10; t++) {
        const s = await reg.sources.create(SYSTEM, { kind: 'testimony', title: `Interview ${t} (synthetic)`, origin: t < 5 ? 'Mission X' : 'Mission Y', reliability: 'C' }, tx);
        const rec = await reg.persons.addRecord(SYSTEM, { sourceId: s.id, familyName: `Witness${t}`, status: 'released', statusDate: '2023-09' }, tx);
        await reg.custody.create(SYSTEM, { personRecordId: rec.id, facilityId: t < 6 ? ids.f1 : ids.f2, sourceId: s.id, from: '2022-04', to: '2023-09' }, tx);
        if (t < 4) await reg.allegations.create(SYSTEM, { typeCode: t % 2 ? 'beating' : 'electric_shock', when: '2022-06', facilityId: t < 6 ? ids.f1 : ids.f2, sourceId: s.id, status: t === 0 ? 'verified' : 'reported', victims: [{ personRecordId: rec.id }] }, tx);
        if (t === 4) await reg.allegations.create(SYSTEM, { typeCode: 'forced_labour', when: '2022-07', facilityId: ids.f1, sourceId: s.id, victims: [{ personRecordId: rec.id }] }, tx);
      }
      // A released person described only by a list (not interviewed): outside the denominator.
      await reg.persons.addRecord(SYSTEM, { sourceId: ids.A, familyName: 'NotInterviewed', status: 'released', statusDate: '2023-10' }, tx);
    });
  });
  afterAll(async () => ws?.dispose());

  it('builds the capture-pattern table from persons and reproduces runMse on it', async () => {
    const r = await stats.mseLists(ANALYST, { lists: ['List A (synthetic)', 'list b (SYNTHETIC)', ids.C], model: '[12,3]' });
    expect(r.lists).toEqual(['List A (synthetic)', 'List B (synthetic)', 'Channel C (synthetic)']);
    const byPattern = Object.fromEntries(r.table.rows.map((row) => [row.pattern.join(''), row.count]));
    for (const [p, c] of PATTERNS) expect(byPattern[p]).toBe(p === '100' ? c + 1 : c); // + the released person on list A
    const direct = runMse({ table: r.table, model: '[12,3]' });
    expect(r.N).toBe(direct.N);
    expect(r.ci).toEqual(direct.ci);
    expect(r.n).toBe(61);
    expect(r.description).toMatch(/on at least one of 3 lists/);
  });

  it('stratifies by year of the status date and by region, estimating each stratum', async () => {
    const r = await stats.mseLists(ANALYST, { lists: [ids.A, ids.B, ids.C], stratify: 'period', model: 'independence' });
    expect(r.strata!.items.map((s) => s.key)).toEqual(['2022', '2023']);
    expect(r.strata!.items.reduce((s, x) => s + x.result!.n, 0)).toBe(r.n);
    expect(r.strata!.sumN).toBeCloseTo(r.strata!.items.reduce((s, x) => s + x.result!.N!, 0), 8);
    const byRegion = await stats.mseLists(ANALYST, { lists: [ids.A, ids.B, ids.C], stratify: 'region', model: 'independence' });
    expect(byRegion.strata!.items.map((s) => s.label).sort()).toEqual(['(no known region)', 'North (invented)', 'South (invented)']);
  });

  it('refuses unknown, ambiguous or unreadable lists with the field named', async () => {
    await expect(stats.mseLists(ANALYST, { lists: ['List A (synthetic)', 'No such list'] })).rejects.toThrow(/lists\.1: no source with id or title "No such list"/);
    await expect(stats.mseLists(ANALYST, { lists: ['List A (synthetic)', 'Restricted list (synthetic)'] })).rejects.toBeInstanceOf(ValidationError);
    await expect(stats.mseLists(ANALYST, { lists: ['List A (synthetic)', ids.A] })).rejects.toThrow(/named twice/);
    await expect(stats.mseLists(ANALYST, { lists: [ids.A, ids.B], model: '[14]' })).rejects.toThrow(/list 4 does not exist/);
  });

  it('rates: share of released persons interviewed who report torture, with both intervals and the denominator in words', async () => {
    const r = await stats.rates(ANALYST, {
      denominator: { persons: { statuses: ['released'] }, sources: { kinds: ['testimony'] } },
      numerator: { allegations: { categories: ['torture'] } },
      stratify: 'facility',
    });
    expect(r.total.numerator).toBe(4);
    expect(r.total.denominatorCount).toBe(10);
    expect(r.total).toEqual(proportionRate({ numerator: 4, denominatorCount: 10, denominator: r.denominatorText }));
    expect(r.denominatorText).toBe('persons whose current status is released, described by at least one testimony source');
    expect(r.numeratorText).toBe('persons named as a victim in an allegation of torture');
    const strata = Object.fromEntries(r.strata!.items.map((s) => [s.label, [s.numerator, s.denominatorCount]]));
    expect(strata).toEqual({ 'Camp One (invented)': [4, 6], 'Camp Two (invented)': [0, 4] });
    expect(r.strata!.partition).toBe(true);
    expect(r.strata!.note).toMatch(/first known place/);
    for (const s of r.strata!.items) expect(s.denominator).toContain(r.denominatorText);
    // verified only
    const v = await stats.rates(ANALYST, {
      denominator: { persons: { statuses: ['released'] }, sources: { kinds: ['testimony'] } },
      numerator: { allegations: { categories: ['torture'], verification: ['verified'] } },
    });
    expect([v.total.numerator, v.total.denominatorCount]).toEqual([1, 10]);
  });

  it('counts and breakdowns of allegations; unknown types are an error', async () => {
    const c = await stats.count(ANALYST, { unit: 'allegations', where: { allegations: { categories: ['torture'] }, period: { from: '2022-06', to: '2022-06' } } });
    expect(c.count).toBe(4);
    expect(c.description).toBe('allegations of torture dated in 2022-06');
    const g = await stats.groups(ANALYST, { unit: 'allegations', by: 'type' });
    expect(g.items.map((i) => [i.key, i.count])).toEqual([['beating', 2], ['electric_shock', 2], ['forced_labour', 1]]);
    expect(g.total).toBe(5);
    await expect(stats.count(ANALYST, { where: { allegations: { types: ['nope'] } } })).rejects.toThrow(/unknown allegation type/);
    await expect(stats.count(ANALYST, { where: { persons: { status: 'x' } } })).rejects.toBeInstanceOf(ValidationError);
  });

  it('masks labels of places an actor may not read; persons by facility and period', async () => {
    const g = await stats.groups({ id: 'x', role: 'analyst' }, { by: 'source', where: { sources: { kinds: ['list'] } } });
    expect(g.partition).toBe(false);
    expect(g.items.some((i) => i.label === 'Restricted list (synthetic)')).toBe(false);
    const p = await stats.groups(ANALYST, { by: 'period', where: { persons: { statuses: ['released'] } } });
    expect(p.items.map((i) => [i.label, i.count])).toEqual([['2022', 10], ['(no date)', 1]]);
    const s = await stats.sourcesBehind('persons', [{ persons: { statuses: ['released'] }, allegations: { categories: ['torture'] } }], { allegations: { categories: ['torture'] } });
    expect(s.total).toBe(4);
    expect(s.testimonies).toBe(4);
    expect(s.origins).toBe(1);
    expect(s.byReliability).toEqual({ C: 4 });
  });

  it('MSE from a counts table or CSV text, errors as validation errors', () => {
    const r = stats.mseCounts(ANALYST, { csv: 'a,b,count\n1,0,30\n0,1,20\n1,1,10\n' });
    expect(r.N).toBeCloseTo((30 + 10) * (20 + 10) / 10, 8); // Lincoln–Petersen
    expect(() => stats.mseCounts(ANALYST, { csv: 'a,b,count\n1,x,30\n' })).toThrow(/line 2, column "b"/);
    expect(() => stats.mseCounts(ANALYST, {})).toThrow(ValidationError);
  });
});
