import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { inTransaction, queryRows } from '../../src/db';
import { ConflictError, ForbiddenError, SYSTEM, ValidationError, type Actor } from '../../src/domain';
import { FindingService, type RateValue } from '../../src/findings';
import { backends, dbMessage, openTestWorkspace } from '../helpers/db';

// Synthetic data only.
const ANALYST: Actor = { id: 'analyst-a', role: 'analyst' };
const REVIEWER: Actor = { id: 'reviewer-r', role: 'reviewer' };
const ADMIN: Actor = { id: 'admin-z', role: 'administrator' };

const RATE = {
  kind: 'rate',
  denominator: { persons: { statuses: ['released'] }, sources: { kinds: ['testimony'] } },
  numerator: { allegations: { categories: ['torture'] } },
} as const;

describe.each(backends())('findings lifecycle on %s', (kind) => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  let findings: FindingService;
  let facilityId: string;

  async function interview(n: number, torture: boolean) {
    const reg = ws.registry;
    await inTransaction(ws.database.db, async (tx) => {
      const s = await reg.sources.create(SYSTEM, { kind: 'testimony', title: `Interview ${n} (synthetic)`, origin: 'Mission (invented)', reliability: 'B' }, tx);
      const rec = await reg.persons.addRecord(SYSTEM, { sourceId: s.id, familyName: `Person${n}`, status: 'released', statusDate: '2023-05' }, tx);
      await reg.custody.create(SYSTEM, { personRecordId: rec.id, facilityId, sourceId: s.id, from: '2022-05', to: '2023-05' }, tx);
      if (torture) await reg.allegations.create(SYSTEM, { typeCode: 'beating', when: '2022-08', facilityId, sourceId: s.id, victims: [{ personRecordId: rec.id }] }, tx);
    });
  }
  const auditCount = async (id: string) =>
    (await queryRows<{ action: string }>(ws.database.db, sql`select action from audit_events where entity = 'finding' and entity_id = ${id} order by id`)).map((r) => r.action);

  beforeAll(async () => {
    ws = await openTestWorkspace(kind);
    findings = new FindingService(ws.database.db);
    facilityId = (await ws.registry.facilities.create(SYSTEM, { name: 'Camp (invented)', published: true, sensitivity: 'public' })).id;
    for (let i = 0; i < 8; i++) await interview(i, i < 3);
  });
  afterAll(async () => ws?.dispose());

  it('adds a finding computed at once, with data version, log size and its sources', async () => {
    const f = await findings.create(ANALYST, {
      slug: 'torture-released', title: 'Torture among released detainees',
      statement: '{percent} of released detainees interviewed ({numerator} of {denominator}) reported torture ({level} interval {lower} to {upper}).',
      query: RATE,
    });
    expect(f.ref).toBe('torture-released@1');
    expect(f.status).toBe('draft');
    expect(f.text).toBe('37.5% of released detainees interviewed (3 of 8) reported torture (95% interval 13.7% to 69.4%).');
    const v = f.value as RateValue;
    expect(v.denominatorText).toBe('persons whose current status is released, described by at least one testimony source');
    const [{ dv }] = await queryRows<{ dv: string }>(ws.database.db, sql`select max(id)::text as dv from audit_events where not (entity = 'finding' and entity_id = ${f.id})`);
    expect(f.dataVersion).toBe(Number(dv));
    expect(f.checkpointSize).toBe(0);
    expect(f.sources).toMatchObject({ total: 3, testimonies: 3, origins: 1, byReliability: { B: 3 } });
    expect(f.method).toEqual({ name: 'proportion', interval: 'wilson', level: 0.95 });
    expect(await auditCount(f.id)).toEqual(['create']);
  });

  it('rejects hand-written numbers and unknown placeholders in statements, and bad queries, naming the field', async () => {
    await expect(findings.create(ANALYST, { title: 'X', statement: 'Out of 8 people, {count} reported it.', query: { kind: 'count' } })).rejects.toThrow(/statement: write every number as a placeholder/);
    await expect(findings.create(ANALYST, { title: 'X', statement: 'About {N} people.', query: { kind: 'count' } })).rejects.toThrow(/unknown placeholder \{N\}/);
    await expect(findings.create(ANALYST, { title: 'X', query: { kind: 'rate', denominator: {} } })).rejects.toBeInstanceOf(ValidationError);
    await expect(findings.create(ANALYST, { title: 'X', query: { kind: 'count' }, method: { name: 'mse' } })).rejects.toThrow(/method "count"/);
    await expect(findings.create(REVIEWER, { title: 'X', query: { kind: 'count' } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(findings.create(ANALYST, { slug: 'torture-released', title: 'Again', query: { kind: 'count' } })).rejects.toBeInstanceOf(ConflictError);
  });

  it('review by someone else, publish by an administrator, then frozen (service and trigger)', async () => {
    await expect(findings.review(ANALYST, 'torture-released')).rejects.toBeInstanceOf(ForbiddenError); // analysts do not review
    await expect(findings.publish(ADMIN, 'torture-released')).rejects.toThrow(/has not been reviewed/);
    const reviewer2: Actor = { id: 'analyst-a', role: 'reviewer' }; // same person as the author
    await expect(findings.review(reviewer2, 'torture-released')).rejects.toThrow(/someone other than its author/);
    const reviewed = await findings.review(REVIEWER, 'torture-released', 'checked the denominator');
    expect(reviewed.status).toBe('reviewed');
    await expect(findings.publish(REVIEWER, 'torture-released')).rejects.toBeInstanceOf(ForbiddenError);
    const p = await findings.publish(ADMIN, 'torture-released');
    expect(p.status).toBe('published');
    expect(p.publishedBy).toBe('admin-z');
    expect(await auditCount(p.id)).toEqual(['create', 'review', 'publish']);

    await expect(findings.update(ANALYST, p.id, { title: 'Changed' })).rejects.toThrow(/published and frozen/);
    await expect(findings.compute(ANALYST, p.id, { store: true })).rejects.toThrow(/published and frozen/);
    await expect(findings.remove(ADMIN, p.id)).rejects.toBeInstanceOf(ConflictError);
    // the database refuses too, whoever asks
    const err = await ws.database.db.execute(sql`update findings set title = 'tampered' where id = ${p.id}`).then(() => null, (e) => e);
    expect(dbMessage(err)).toMatch(/published finding .* is frozen/);
    const del = await ws.database.db.execute(sql`delete from findings where id = ${p.id}`).then(() => null, (e) => e);
    expect(dbMessage(del)).toMatch(/frozen/);
    expect((await findings.get(SYSTEM, p.id)).title).toBe('Torture among released detainees');
  });

  it('a change in the data leaves the stored value and shows a different recomputed value', async () => {
    const before = await findings.get(SYSTEM, 'torture-released');
    await interview(100, true);
    await interview(101, false);
    const r = await findings.compute(ANALYST, 'torture-released');
    expect(r.saved).toBe(false);
    expect(r.same).toBe(false);
    expect(r.stored.text).toBe(before.text);
    expect(r.stored.dataVersion).toBe(before.dataVersion);
    expect(r.today.text).toBe('40.0% of released detainees interviewed (4 of 10) reported torture (95% interval 16.8% to 68.7%).');
    expect(r.today.dataVersion).toBeGreaterThan(before.dataVersion!);
    expect(r.differences).toEqual(expect.arrayContaining([
      { figure: 'percent', stored: '37.5%', today: '40.0%' },
      { figure: 'denominator', stored: '8', today: '10' },
    ]));
    const after = await findings.get(SYSTEM, 'torture-released');
    expect(after.value).toEqual(before.value);
    expect(after.text).toBe(before.text);
  });

  it('a newer version supersedes, never overwrites; publishing checks the value still holds', async () => {
    const old = await findings.get(SYSTEM, 'torture-released@1');
    await expect(findings.revise(REVIEWER, old.id)).rejects.toBeInstanceOf(ForbiddenError);
    const v2 = await findings.revise(ANALYST, old.id, { title: 'Torture among released detainees (updated)' });
    expect(v2).toMatchObject({ ref: 'torture-released@2', supersedes: old.id, status: 'draft' });
    expect(v2.text).toContain('(4 of 10)');
    await expect(findings.revise(ANALYST, old.id)).rejects.toThrow(/already revises it/);
    expect((await findings.get(SYSTEM, 'torture-released')).version).toBe(2); // the slug names the latest
    await findings.review(REVIEWER, v2.id);
    // data changes between review and publication: publishing refuses, the finding stays reviewed
    await interview(102, false);
    await expect(findings.publish(ADMIN, v2.id)).rejects.toThrow(/data changed since/);
    expect((await findings.get(SYSTEM, v2.id)).status).toBe('reviewed');
    const recomputed = await findings.compute(ANALYST, v2.id, { store: true });
    expect(recomputed.saved).toBe(true);
    expect(recomputed.today.text).toContain('(4 of 11)');
    expect((await findings.get(SYSTEM, v2.id)).status).toBe('draft');
    await findings.review(REVIEWER, v2.id);
    await findings.publish(ADMIN, v2.id);

    const v1 = await findings.get(SYSTEM, old.id);
    expect(v1.status).toBe('published');
    expect(v1.value).toEqual(old.value);
    expect(v1.supersededBy).toBe(v2.id);
    expect(await auditCount(v2.id)).toEqual(['revise', 'review', 'compute', 'review', 'publish']);
    const list = await findings.list(SYSTEM, {});
    expect(list.items.filter((f) => f.slug === 'torture-released').map((f) => f.version)).toEqual([2]);
    const all = await findings.list(SYSTEM, { allVersions: true });
    expect(all.items.filter((f) => f.slug === 'torture-released').map((f) => f.version)).toEqual([2, 1]);
  });

  it('the public sees only published findings, with unpublished sources withheld', async () => {
    const draft = await findings.create(ANALYST, { slug: 'count-draft', title: 'Count', statement: '{count} people.', query: { kind: 'count' } });
    const anon: Actor = { id: 'anonymous', role: 'anonymous' };
    const list = await findings.list(anon, {});
    expect(list.items.map((f) => f.ref)).toEqual(['torture-released@2']);
    await expect(findings.get(anon, draft.id)).rejects.toThrow(/not found/);
    const pub = await findings.get(anon, 'torture-released');
    expect(pub.sources!.items.every((s) => s.id === null && s.title === '(unpublished testimony)')).toBe(true);
    await expect(findings.compute(anon, 'torture-released')).rejects.toBeInstanceOf(ForbiddenError);
    // drafts may be deleted by an administrator, audited
    await findings.remove(ADMIN, draft.id);
    expect(await auditCount(draft.id)).toEqual(['create', 'delete']);
  });

  it('count, list and MSE findings; MSE lists by title are stored by id', async () => {
    const reg = ws.registry;
    const a = await reg.sources.create(SYSTEM, { kind: 'list', title: 'List one (synthetic)' });
    const b = await reg.sources.create(SYSTEM, { kind: 'list', title: 'List two (synthetic)' });
    for (let i = 0; i < 30; i++) {
      const r = await reg.persons.addRecord(SYSTEM, { sourceId: i < 20 ? a.id : b.id, familyName: `Listed${i}` });
      if (i < 8) await reg.persons.addRecord(SYSTEM, { sourceId: b.id, personId: r.personId, familyName: `Listed${i}` });
    }
    const mse = await findings.create(ANALYST, {
      slug: 'lists-estimate', title: 'Estimate from two lists', query: { kind: 'mse', lists: ['List one (synthetic)', 'List two (synthetic)'] },
      statement: 'An estimated {N} people ({level} interval {lower} to {upper}), {n} recorded.',
    });
    expect((mse.query as { lists: string[] }).lists).toEqual([a.id, b.id]);
    expect(mse.text).toMatch(/^An estimated 45 people \(95% interval \d+ to \d+\), 30 recorded\.$/); // Lincoln–Petersen: 20 × 18 / 8
    const list = await findings.create(ANALYST, { slug: 'allegations-by-type', title: 'By type', query: { kind: 'list', unit: 'allegations', by: 'type' } });
    expect(list.text).toBe('4 in all, most often Beating (4).');
    const count = await findings.create(ANALYST, { slug: 'persons', title: 'Persons', statement: 'The registry documents {count} people.', query: { kind: 'count' } });
    expect(count.text).toBe('The registry documents 41 people.'); // 11 interviewed + 30 listed
  });
});
