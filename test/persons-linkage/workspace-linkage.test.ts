import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db';
import { latin } from '../../src/demo';
import { ConflictError, SYSTEM } from '../../src/domain';
import { personsLinkage, type PersonsLinkage, type ReviewPair } from '../../src/persons-linkage';
import { backends, openTestWorkspace } from '../helpers/db';
import { pairMetrics, seedPeople, type Seeded } from './fixtures';

type Ws = Awaited<ReturnType<typeof openTestWorkspace>>;
const REVIEWER = { id: 'test-reviewer', role: 'reviewer' } as const;
/** A threshold no pair reaches: every compared pair above the lower end waits for review. */
const ALL_TO_REVIEW = { threshold: 0.999999, reviewLower: 0.001 };

async function personOf(ws: Ws): Promise<Map<string, string>> {
  const rows = await queryRows<{ id: string; person_id: string }>(ws.database.db, 'select id, person_id from person_records where is_current');
  return new Map(rows.map((r) => [r.id, r.person_id]));
}
const count = async (ws: Ws, sql: string) => Number((await queryRows<{ n: number }>(ws.database.db, sql))[0].n);

async function pendingPairs(L: PersonsLinkage): Promise<ReviewPair[]> {
  return (await L.review.list(SYSTEM, { limit: 200 })).items;
}

// Synthetic people only (src/demo generators).
describe.each(backends())('linkage in a workspace on %s', (kind) => {
  describe('a full run', () => {
    let ws: Ws;
    let s: Seeded;
    let L: PersonsLinkage;
    let victimOf: { allegation: string; person: string };
    let namesakes: string[];
    beforeAll(async () => {
      ws = await openTestWorkspace(kind);
      s = await seedPeople(ws, { count: 30 });
      L = personsLinkage(ws.database.db);
      // Two different men of the same name: same name, different birth, unit and service number.
      const src = (await ws.registry.sources.create(SYSTEM, { kind: 'list', title: 'Synthetic namesakes', reliability: 'C' })).id;
      namesakes = [
        (await ws.registry.persons.addRecord(SYSTEM, { sourceId: src, familyName: 'Ткаченко', givenName: 'Богдан', patronymic: 'Іванович', birth: '1979-02-11', unit: 'в/ч А0111', serviceNumber: 'QW-111111' })).id,
        (await ws.registry.persons.addRecord(SYSTEM, { sourceId: s.sources.ministry, familyName: 'TKACHENKO', givenName: 'BOHDAN', birth: '1994-09-30', unit: 'в/ч А2222', serviceNumber: 'ZX-999999' })).id,
      ];
      // An allegation naming a victim by person (not by record): the reference must follow a merge.
      const [first] = [...s.truth.entries()].filter(([, who]) => [...s.truth.values()].filter((w) => w === who).length >= 3);
      const before = await personOf(ws);
      const a = await ws.registry.allegations.create(SYSTEM, { typeCode: 'beating', sourceId: s.sources.family, victims: [{ personId: before.get(first[0])! }] });
      victimOf = { allegation: a.id, person: before.get(first[0])! };
    });
    afterAll(async () => { await ws?.dispose(); });

    it('merges spellings of one person and keeps different people apart', async () => {
      const records = await count(ws, 'select count(*)::int as n from person_records where is_current');
      const sum = await L.runs.run(SYSTEM, {});
      expect(sum.records).toBe(records);
      expect(sum.merged).toBeGreaterThan(30);
      const now = await personOf(ws);
      const m = pairMetrics(now, s.truth);
      expect(m.precision).toBe(1);
      expect(m.recall).toBeGreaterThan(0.75);
      expect(sum.persons).toBe(new Set(now.values()).size);
      // Every record of an individual written in Cyrillic and in two romanisations (with birth date) is one person.
      for (const [who, p] of s.people.entries()) {
        const ids = [...s.truth].filter(([, w]) => w === who).map(([id]) => id);
        if (ids.length >= 3) expect(new Set(ids.map((id) => now.get(id))).size, `${p.familyUk} ${p.givenUk}`).toBeLessThanOrEqual(2);
      }
      expect(now.get(namesakes[0])).not.toBe(now.get(namesakes[1]));
      // Persons left without records are gone; the others show their records.
      expect(await count(ws, 'select count(*)::int as n from persons p where not exists (select 1 from person_records r where r.person_id = p.id)')).toBe(0);
      expect(await count(ws, 'select count(*)::int as n from persons')).toBe(sum.persons);
      expect(await count(ws, 'select count(*)::int as n from persons p where record_count <> (select count(*) from person_records r where r.person_id = p.id and r.is_current)')).toBe(0);
      const big = [...now.values()].find((p) => [...now.values()].filter((x) => x === p).length >= 3)!;
      const detail = await ws.registry.persons.get(SYSTEM, big);
      expect(detail.recordCount).toBeGreaterThanOrEqual(3);
      expect(detail.names.length).toBeGreaterThanOrEqual(2);
      // Search columns follow: the person is found by a Latin spelling of a Cyrillic record's name.
      const someone = s.people.find((p, i) => [...s.truth.values()].filter((w) => w === i).length >= 3)!;
      const found = await ws.registry.persons.list(SYSTEM, { q: `${latin(someone.familyUk, 'uk', 'bgn-pcgn')} ${latin(someone.givenUk, 'uk', 'bgn-pcgn')}` });
      expect(found.total).toBeGreaterThanOrEqual(1);
    });

    it('moves references to merged persons and keeps the history and the audit trail', async () => {
      const [v] = await queryRows<{ person_id: string }>(ws.database.db, `select person_id from allegation_victims where allegation_id = '${victimOf.allegation}'`);
      const now = await personOf(ws);
      expect([...now.values()]).toContain(v.person_id);
      const h = await L.merges.history(SYSTEM, victimOf.person);
      if (!h.exists) expect(h.mergedInto).toBe(v.person_id);
      const runs = await L.runs.list(SYSTEM, {});
      expect(runs.total).toBe(1);
      expect(runs.items[0].params.lambda).toBeGreaterThan(0);
      expect(runs.items[0].stats).toMatchObject({ records: expect.any(Number), persons: expect.any(Number) });
      const merges = await count(ws, `select count(*)::int as n from person_merges where action = 'merge' and details->>'by' = 'run'`);
      expect(merges).toBeGreaterThan(0);
      expect(await count(ws, `select count(*)::int as n from audit_events where entity = 'link_run' and action = 'run'`)).toBe(1);
      expect(await count(ws, `select count(*)::int as n from audit_events where entity = 'person' and action = 'merge'`)).toBe(merges);
      expect(await count(ws, `select count(*)::int as n from audit_events where entity = 'person' and action = 'delete'`)).toBeGreaterThan(0);
      // Audit text never holds names.
      const diffs = await queryRows<{ d: string }>(ws.database.db, `select diff::text as d from audit_events where entity in ('person', 'link_run')`);
      expect(diffs.some((x) => /Ткаченко|TKACHENKO/.test(x.d))).toBe(false);
    });

    it('changes nothing when run again on the same records', async () => {
      const before = await personOf(ws);
      const again = await L.runs.run(SYSTEM, {});
      expect(again).toMatchObject({ merged: 0, unmerged: 0, newPersons: 0, movedRecords: 0 });
      expect(await personOf(ws)).toEqual(before);
    });
  });

  describe('reviewer decisions', () => {
    let ws: Ws;
    let s: Seeded;
    let L: PersonsLinkage;
    beforeAll(async () => {
      ws = await openTestWorkspace(kind);
      s = await seedPeople(ws, { count: 30, seed: 11 });
      L = personsLinkage(ws.database.db);
      await L.runs.run(SYSTEM, ALL_TO_REVIEW);
    });
    afterAll(async () => { await ws?.dispose(); });
    const truePairs = async () => (await pendingPairs(L)).filter((p) => !p.samePerson && s.truth.get(p.recordA.id) === s.truth.get(p.recordB.id));

    it('lists pending pairs with both records side by side and the explanation', async () => {
      const page = await L.review.list(REVIEWER, { limit: 5 });
      expect(page.total).toBeGreaterThan(10);
      expect(page.items).toHaveLength(5);
      const p = page.items[0];
      expect(p.recordA).toMatchObject({ id: expect.any(String), personId: expect.any(String), sourceTitle: expect.stringMatching(/Synthetic/) });
      expect(p.explanation.map((e) => e.comparison)).toEqual(expect.arrayContaining(['familyName', 'givenName', 'birthDate']));
      const sum = p.prior + p.explanation.reduce((a, e) => a + e.weight, 0);
      expect(sum).toBeCloseTo(p.weight, 2);
      // Most uncertain first.
      const ws_ = page.items.map((x) => Math.abs(x.weight));
      expect([...ws_].sort((a, b) => a - b)).toEqual(ws_);
    });

    it('accept merges at once and survives a re-run the model would not merge', async () => {
      const [pair] = await truePairs();
      const r = await L.review.decide(REVIEWER, pair.id, { decision: 'match', note: 'same service number in the scan' });
      expect(r.status).toBe('match');
      expect(r.regroup!.merged).toBe(1);
      let now = await personOf(ws);
      expect(now.get(pair.recordA.id)).toBe(now.get(pair.recordB.id));
      expect(await count(ws, `select count(*)::int as n from link_decisions where decision = 'match' and decided_by = 'test-reviewer'`)).toBe(1);
      expect(await count(ws, `select count(*)::int as n from person_merges where details->>'by' = 'review' and details->>'pairId' = '${pair.id}'`)).toBe(1);
      expect(await count(ws, `select count(*)::int as n from audit_events where entity = 'link_decision' and action = 'match'`)).toBe(1);
      await L.runs.run(SYSTEM, ALL_TO_REVIEW);
      now = await personOf(ws);
      expect(now.get(pair.recordA.id)).toBe(now.get(pair.recordB.id));
      // Decided pairs do not come back to the queue.
      expect((await pendingPairs(L)).some((p) => p.id === pair.id || (p.recordA.id === pair.recordA.id && p.recordB.id === pair.recordB.id))).toBe(false);
    });

    it('reject keeps two records apart in every later run, even where the model would link them', async () => {
      const strong = (await truePairs()).filter((p) => p.probability > 0.95);
      expect(strong.length).toBeGreaterThan(0);
      const pair = strong[0];
      const r = await L.review.decide(REVIEWER, pair.id, { decision: 'non_match' });
      expect(r.regroup!.persons).toHaveLength(2);
      await L.runs.run(SYSTEM, {}); // the default threshold: the model links p > 0.95
      const now = await personOf(ws);
      expect(now.get(pair.recordA.id)).not.toBe(now.get(pair.recordB.id));
      const again = await L.runs.run(SYSTEM, {});
      expect(again.movedRecords).toBe(0);
    });

    it('reject of a pair already in one person splits that person at once', async () => {
      await L.runs.run(SYSTEM, ALL_TO_REVIEW);
      const [pair] = await truePairs();
      await L.review.decide(REVIEWER, pair.id, { decision: 'match' });
      const merged = (await personOf(ws)).get(pair.recordA.id)!;
      const r = await L.review.decide(REVIEWER, pair.id, { decision: 'non_match', note: 'different fathers' });
      expect(r.regroup!.unmerged).toBe(1);
      const now = await personOf(ws);
      expect(now.get(pair.recordA.id)).not.toBe(now.get(pair.recordB.id));
      expect([now.get(pair.recordA.id), now.get(pair.recordB.id)]).toContain(merged);
      const h = await L.merges.history(SYSTEM, merged);
      expect(h.items.map((i) => i.action)).toEqual(expect.arrayContaining(['merge', 'unmerge']));
      expect(await count(ws, `select count(*)::int as n from link_decisions where decision = 'non_match'`)).toBe(2);
    });

    it('skip leaves a pair for later; an unknown pair is not found', async () => {
      const [pair] = await pendingPairs(L);
      const r = await L.review.decide(REVIEWER, pair.id, { decision: 'skip' });
      expect(r).toMatchObject({ status: 'skipped', regroup: null });
      expect((await pendingPairs(L)).some((p) => p.id === pair.id)).toBe(false);
      expect((await L.review.list(SYSTEM, { status: 'skipped' })).items.map((p) => p.id)).toContain(pair.id);
      await expect(L.review.decide(REVIEWER, '00000000-0000-4000-8000-000000000000', { decision: 'match' })).rejects.toThrow(/not found/);
      await expect(L.review.decide(REVIEWER, pair.id, { decision: 'maybe' })).rejects.toThrow(/decision/);
    });
  });

  describe('merge and unmerge by hand', () => {
    let ws: Ws;
    let s: Seeded;
    let L: PersonsLinkage;
    beforeAll(async () => {
      ws = await openTestWorkspace(kind);
      s = await seedPeople(ws, { count: 20, seed: 5 });
      L = personsLinkage(ws.database.db);
      await L.runs.run(SYSTEM, {});
    });
    afterAll(async () => { await ws?.dispose(); });

    it('merges two persons, keeps the history and the merge through later runs', async () => {
      const now = await personOf(ws);
      const persons = [...new Set(now.values())];
      const [a, b] = persons.slice(0, 2);
      const r = await L.merges.merge(SYSTEM, a, { persons: [b], note: 'same person per family interview' });
      expect(r.regroup.merged).toBe(1);
      const gone = r.person === a ? b : a;
      const h = await L.merges.history(SYSTEM, gone);
      expect(h).toMatchObject({ exists: false, mergedInto: r.person });
      expect(h.items.at(-1)).toMatchObject({ action: 'merge', details: expect.objectContaining({ by: 'hand', into: r.person, note: 'same person per family interview' }) });
      await L.runs.run(SYSTEM, {});
      const after = await personOf(ws);
      const recs = [...now].filter(([, p]) => p === a || p === b).map(([id]) => id);
      expect(new Set(recs.map((id) => after.get(id)))).toEqual(new Set([r.person]));
      expect(await count(ws, `select count(*)::int as n from audit_events where entity = 'link_decision' and action = 'merge_by_hand'`)).toBe(1);
    });

    it('unmerges records into a new person that later runs keep apart', async () => {
      const now = await personOf(ws);
      const byPerson = new Map<string, string[]>();
      for (const [id, p] of now) (byPerson.get(p) ?? byPerson.set(p, []).get(p)!).push(id);
      const [person, recs] = [...byPerson].find(([, ids]) => ids.length >= 3)!;
      const leaving = [recs[recs.length - 1]];
      const r = await L.merges.unmerge(SYSTEM, person, { records: leaving, note: 'wrong birth year' });
      expect(r.person).toBe(person);
      expect(r.regroup.newPersons).toBe(1);
      const fresh = r.regroup.persons.find((p) => p !== person)!;
      let after = await personOf(ws);
      expect(after.get(leaving[0])).toBe(fresh);
      expect(recs.filter((id) => id !== leaving[0]).every((id) => after.get(id) === person)).toBe(true);
      const h = await L.merges.history(SYSTEM, person);
      expect(h.items.at(-1)).toMatchObject({ action: 'unmerge', details: expect.objectContaining({ by: 'hand', person }) });
      await L.runs.run(SYSTEM, {});
      after = await personOf(ws);
      expect(after.get(leaving[0])).not.toBe(after.get(recs[0]));
      expect((await ws.registry.persons.get(SYSTEM, fresh)).recordCount).toBe(1);
      await expect(L.merges.unmerge(SYSTEM, person, { records: recs.filter((id) => after.get(id) === person) })).rejects.toThrow(/not all of them/);
      await expect(L.merges.unmerge(SYSTEM, person, { records: [s.sources.family] })).rejects.toThrow(/not a record of this person/);

      // Merging them again by hand replaces the unmerge's non-match decisions (the later decision holds).
      const back = await L.merges.merge(SYSTEM, person, { persons: [fresh] });
      expect(back.person).toBe(person);
      expect(await count(ws, `select count(*)::int as n from link_decisions where decision = 'non_match' and (record_a = '${leaving[0]}' or record_b = '${leaving[0]}')`)).toBe(0);
      await L.runs.run(SYSTEM, {});
      after = await personOf(ws);
      expect(after.get(leaving[0])).toBe(after.get(recs[0]));
    });
  });

  describe('incremental linkage of a new import', () => {
    let ws: Ws;
    let s: Seeded;
    let L: PersonsLinkage;
    beforeAll(async () => {
      ws = await openTestWorkspace(kind);
      L = personsLinkage(ws.database.db);
    });
    afterAll(async () => { await ws?.dispose(); });

    it('needs a full run first', async () => {
      await expect(L.runs.run(SYSTEM, { incremental: true })).rejects.toBeInstanceOf(ConflictError);
    });

    it('links only the new records with the last model and keeps existing persons', async () => {
      s = await seedPeople(ws, { count: 25, seed: 3 });
      const full = await L.runs.run(SYSTEM, {});
      const before = await personOf(ws);
      await new Promise((r) => setTimeout(r, 20));
      const src = (await ws.registry.sources.create(SYSTEM, { kind: 'list', title: 'Synthetic new import', reliability: 'C' })).id;
      const picked = s.people.slice(0, 10);
      const added = await ws.database.db.transaction((tx) => ws.registry.persons.addRecordsBulk(SYSTEM, tx as never, [
        ...picked.map((p) => ({ sourceId: src, familyName: latin(p.familyRu, 'ru', 'german'), givenName: latin(p.givenRu, 'ru', 'german'), birth: p.birth, serviceNumber: p.serviceNumber })),
        { sourceId: src, familyName: 'Невідомий', givenName: 'Тарас', birth: '1960-01-01' },
      ]));
      const inc = await L.runs.run(SYSTEM, { incremental: true });
      expect(inc).toMatchObject({ incremental: true, newRecords: 11, unmerged: 0 });
      const runs = await L.runs.list(SYSTEM, {});
      expect(runs.items[0].incremental).toBe(true);
      expect(runs.items[0].params.lambda).toBe(runs.items[1].params.lambda);
      expect(full.runId).toBe(runs.items[1].id);
      const after = await personOf(ws);
      // Old records stay together as they were.
      for (const [id, p] of before) for (const [id2, p2] of before) if (p === p2 && id < id2) expect(after.get(id)).toBe(after.get(id2));
      // New records of known people join them (service number and birth date agree); the stranger stays alone.
      let joined = 0;
      picked.forEach((p, k) => {
        const mine = [...s.truth].filter(([, who]) => who === s.people.indexOf(p)).map(([id]) => after.get(id));
        if (mine.includes(after.get(added[k].id))) joined++;
      });
      expect(joined).toBeGreaterThanOrEqual(8);
      expect([...after.values()].filter((p) => p === after.get(added[10].id))).toHaveLength(1);
      // Nothing new: nothing to do.
      const idle = await L.runs.run(SYSTEM, { incremental: true });
      expect(idle).toMatchObject({ newRecords: 0, movedRecords: 0 });
    });

    it('refuses an incremental run with a model an earlier version trained (other comparison levels), naming the remedy', async () => {
      // Simulate a model stored by an older Vigil: one comparison with other levels.
      await ws.database.db.execute(sql`update link_runs set params = jsonb_set(params, '{model,levels,0}', '["exact", "older level"]'::jsonb)
        where id = (select id from link_runs order by at desc limit 1)`);
      const src = (await ws.registry.sources.create(SYSTEM, { kind: 'list', title: 'Synthetic later import', reliability: 'C' })).id;
      await new Promise((r) => setTimeout(r, 20));
      await ws.registry.persons.addRecord(SYSTEM, { sourceId: src, familyName: 'Пізнішенко', givenName: 'Остап', birth: '1970-02-03' });
      const err = await L.runs.run(SYSTEM, { incremental: true }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConflictError);
      expect((err as Error).message).toMatch(/trained with other levels.*without --incremental/s);
      const full = await L.runs.run(SYSTEM, {}); // a full run trains again
      expect(full.incremental).toBe(false);
      expect((await L.runs.run(SYSTEM, { incremental: true })).newRecords).toBe(0);
    });
  });
});
