import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { schema } from '../db';
import type { FacilityListQuery } from './facility.schema';

const { facilities, facilityNames, custodyEpisodes, allegations } = schema;
export type FacilityRow = typeof facilities.$inferSelect;
export type FacilityNameRow = typeof facilityNames.$inferSelect;

export const facilityRepository = {
  async insert(db: Db, row: typeof facilities.$inferInsert): Promise<FacilityRow> {
    const [r] = await db.insert(facilities).values(row).returning();
    return r;
  },
  async update(db: Db, id: string, patch: Partial<typeof facilities.$inferInsert>): Promise<FacilityRow | undefined> {
    const [r] = await db.update(facilities).set({ ...patch, updatedAt: sql`now()` }).where(eq(facilities.id, id)).returning();
    return r;
  },
  async get(db: Db, id: string): Promise<FacilityRow | undefined> {
    const [r] = await db.select().from(facilities).where(eq(facilities.id, id));
    return r;
  },
  async replaceNames(db: Db, facilityId: string, names: Omit<typeof facilityNames.$inferInsert, 'facilityId'>[]): Promise<void> {
    await db.delete(facilityNames).where(eq(facilityNames.facilityId, facilityId));
    if (names.length) await db.insert(facilityNames).values(names.map((n) => ({ ...n, facilityId })));
  },
  async namesOf(db: Db, ids: string[]): Promise<Map<string, FacilityNameRow[]>> {
    const m = new Map<string, FacilityNameRow[]>();
    if (!ids.length) return m;
    for (const n of await db.select().from(facilityNames).where(inArray(facilityNames.facilityId, ids)).orderBy(asc(facilityNames.name))) {
      m.set(n.facilityId, [...(m.get(n.facilityId) ?? []), n]);
    }
    return m;
  },
  async list(db: Db, q: FacilityListQuery, key: string | undefined, text: string | undefined, sensitivities: string[], publicOnly: boolean) {
    const w: SQL[] = [inArray(facilities.sensitivity, sensitivities)];
    if (publicOnly) w.push(eq(facilities.published, true));
    if (q.kind) w.push(eq(facilities.kind, q.kind));
    if (q.region) w.push(eq(facilities.region, q.region));
    // The counts see only what the reader may see (the same filters as the dossier).
    const sens = sql`(${sql.join(sensitivities.map((x) => sql`${x}`), sql`, `)})`;
    const pub = (alias: string) => (publicOnly ? sql.raw(`and ${alias}.published`) : sql``);
    const detainees = sql<number>`(select count(distinct pr.person_id)::int from ${custodyEpisodes} ce join person_records pr on pr.id = ce.person_record_id join persons p on p.id = pr.person_id
      where ce.facility_id = facilities.id and ce.sensitivity in ${sens} and p.sensitivity in ${sens} ${pub('p')})`;
    const allegationCount = sql<number>`(select count(*)::int from ${allegations} a where a.facility_id = facilities.id and a.sensitivity in ${sens} ${pub('a')})`;
    let score: SQL<number> | undefined;
    if (key !== undefined && text !== undefined) {
      score = sql<number>`(select max(greatest(word_similarity(${key}, fn.name_key), word_similarity(${text}, fn.name_text)))::float8 from ${facilityNames} fn where fn.facility_id = facilities.id)`;
      w.push(sql`exists (select 1 from ${facilityNames} fn where fn.facility_id = facilities.id and (${key} <% fn.name_key or ${text} <% fn.name_text))`);
    }
    const order = q.sort === 'detainees' ? sql`3 desc` : q.sort === 'allegations' ? sql`4 desc` : score && q.sort === 'relevance' ? sql`2 desc` : sql`${facilities.name} asc`;
    const cond = and(...w);
    const items = await db
      .select({ row: facilities, score: score ?? sql<number>`null::float8`, detainees, allegations: allegationCount })
      .from(facilities).where(cond).orderBy(order, asc(facilities.id)).limit(q.limit).offset(q.offset);
    const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(facilities).where(cond);
    return { items, total: Number(total) };
  },
};
