import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { partialDate } from '../domain';
import type { Db } from '../db';
import { likePattern } from './common.schema';
import { schema } from '../db';
import type { z } from 'zod';
import type { allegationListQuery } from './allegation.schema';

const { allegations, allegationVictims, allegationPerpetrators, allegationTypes, facilities, personRecords } = schema;
export type AllegationRow = typeof allegations.$inferSelect;

export const allegationRepository = {
  types: (db: Db) => db.select().from(allegationTypes).orderBy(allegationTypes.category, allegationTypes.code),
  async typeExists(db: Db, code: string) {
    return (await db.select({ c: allegationTypes.code }).from(allegationTypes).where(eq(allegationTypes.code, code))).length > 0;
  },
  async insert(db: Db, row: typeof allegations.$inferInsert) {
    const [r] = await db.insert(allegations).values(row).returning();
    return r;
  },
  async update(db: Db, id: string, patch: Partial<typeof allegations.$inferInsert>) {
    const [r] = await db.update(allegations).set({ ...patch, updatedAt: sql`now()` }).where(eq(allegations.id, id)).returning();
    return r;
  },
  async get(db: Db, id: string) {
    const [r] = await db.select().from(allegations).where(eq(allegations.id, id));
    return r;
  },
  async setVictims(db: Db, allegationId: string, victims: { personId: string | null; personRecordId: string | null }[]) {
    await db.delete(allegationVictims).where(eq(allegationVictims.allegationId, allegationId));
    if (victims.length) await db.insert(allegationVictims).values(victims.map((v) => ({ ...v, allegationId })));
  },
  async setPerpetrators(db: Db, allegationId: string, ps: { kind: string; name: string; notes: string | null }[]) {
    await db.delete(allegationPerpetrators).where(eq(allegationPerpetrators.allegationId, allegationId));
    if (ps.length) await db.insert(allegationPerpetrators).values(ps.map((p) => ({ ...p, allegationId })));
  },
  async partiesOf(db: Db, ids: string[]) {
    if (!ids.length) return { victims: [], perpetrators: [] };
    const victims = await db.select().from(allegationVictims).where(inArray(allegationVictims.allegationId, ids));
    const perpetrators = await db.select().from(allegationPerpetrators).where(inArray(allegationPerpetrators.allegationId, ids));
    return { victims, perpetrators };
  },
  async list(db: Db, q: z.infer<typeof allegationListQuery>, sensitivities: string[], publicOnly: boolean) {
    const w: SQL[] = [inArray(allegations.sensitivity, sensitivities)];
    if (publicOnly) w.push(eq(allegations.published, true));
    if (q.typeCode) w.push(eq(allegations.typeCode, q.typeCode));
    if (q.facilityId) w.push(eq(allegations.facilityId, q.facilityId));
    if (q.sourceId) w.push(eq(allegations.sourceId, q.sourceId));
    if (q.status) w.push(eq(allegations.status, q.status));
    if (q.from) w.push(sql`coalesce(${allegations.whenLatest}, 'infinity'::date) >= ${partialDate(q.from).earliest}::date`);
    if (q.to) w.push(sql`coalesce(${allegations.whenEarliest}, '-infinity'::date) <= ${partialDate(q.to).latest}::date`);
    if (q.personId) w.push(sql`exists (select 1 from ${allegationVictims} v left join ${personRecords} r on r.id = v.person_record_id
      where v.allegation_id = allegations.id and coalesce(r.person_id, v.person_id) = ${q.personId})`);
    if (q.q) w.push(sql`(${allegations.narrative} ilike ${likePattern(q.q)} or ${allegations.place} ilike ${likePattern(q.q)})`);
    const cond = and(...w);
    // The facility's name only when the reader may see the facility itself.
    const facilityVisible = and(inArray(facilities.sensitivity, sensitivities), publicOnly ? eq(facilities.published, true) : undefined);
    const facilityName = sql<string | null>`case when ${facilityVisible} then ${facilities.name} end`;
    const items = await db.select({ a: allegations, labelEn: allegationTypes.labelEn, labelUk: allegationTypes.labelUk, facilityName })
      .from(allegations)
      .innerJoin(allegationTypes, eq(allegationTypes.code, allegations.typeCode))
      .leftJoin(facilities, eq(facilities.id, allegations.facilityId))
      .where(cond).orderBy(sql`${allegations.whenEarliest} desc nulls last`, desc(allegations.createdAt), allegations.id)
      .limit(q.limit).offset(q.offset);
    const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(allegations).where(cond);
    return { items, total: Number(total) };
  },
};
