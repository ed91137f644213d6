import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { cappedCount, queryRows, type Db } from '../db';
import { partialDate } from '../domain';
import { schema } from '../db';
import type { PersonListQuery } from './person.schema';

const { persons, personRecords, sources, custodyEpisodes } = schema;
export type PersonRow = typeof persons.$inferSelect;
export type PersonRecordRow = typeof personRecords.$inferSelect;
export type NewPersonRecordRow = typeof personRecords.$inferInsert;

export interface PersonSearch {
  query: PersonListQuery;
  /** Canonical name key and folded text of `query.q`, computed by the service. */
  key?: string;
  text?: string;
  sensitivities: string[];
  publicOnly: boolean;
}

function filters(s: PersonSearch): SQL[] {
  const q = s.query;
  const w: SQL[] = [inArray(persons.sensitivity, s.sensitivities)];
  if (s.publicOnly) w.push(eq(persons.published, true));
  if (q.status) w.push(eq(persons.status, q.status));
  if (q.sourceId) w.push(sql`exists (select 1 from ${personRecords} r where r.person_id = persons.id and r.source_id = ${q.sourceId})`);
  if (q.facilityId || q.from || q.to) {
    const from = q.from ? sql`and coalesce(ce.to_latest, ce.from_latest, 'infinity'::date) >= ${partialDate(q.from).earliest}::date` : sql``;
    const to = q.to ? sql`and coalesce(ce.from_earliest, '-infinity'::date) <= ${partialDate(q.to).latest}::date` : sql``;
    const fac = q.facilityId ? sql`and ce.facility_id = ${q.facilityId}` : sql``;
    w.push(sql`exists (select 1 from ${custodyEpisodes} ce join ${personRecords} r on r.id = ce.person_record_id
      where r.person_id = persons.id ${fac} ${from} ${to})`);
  }
  return w;
}

export const personRepository = {
  async insertPerson(db: Db, row: typeof persons.$inferInsert): Promise<PersonRow> {
    const [r] = await db.insert(persons).values(row).returning();
    return r;
  },
  async updatePerson(db: Db, id: string, patch: Partial<typeof persons.$inferInsert>): Promise<PersonRow | undefined> {
    const [r] = await db.update(persons).set({ ...patch, updatedAt: sql`now()` }).where(eq(persons.id, id)).returning();
    return r;
  },
  async getPerson(db: Db, id: string): Promise<PersonRow | undefined> {
    const [r] = await db.select().from(persons).where(eq(persons.id, id));
    return r;
  },
  async insertPersons(db: Db, rows: (typeof persons.$inferInsert)[]): Promise<PersonRow[]> {
    return rows.length ? db.insert(persons).values(rows).returning() : [];
  },
  async insertRecords(db: Db, rows: NewPersonRecordRow[]): Promise<PersonRecordRow[]> {
    return rows.length ? db.insert(personRecords).values(rows).returning() : [];
  },
  async insertRecord(db: Db, row: NewPersonRecordRow): Promise<PersonRecordRow> {
    const [r] = await db.insert(personRecords).values(row).returning();
    return r;
  },
  async getRecord(db: Db, id: string): Promise<PersonRecordRow | undefined> {
    const [r] = await db.select().from(personRecords).where(eq(personRecords.id, id));
    return r;
  },
  async markSuperseded(db: Db, id: string): Promise<void> {
    await db.update(personRecords).set({ isCurrent: false }).where(eq(personRecords.id, id));
  },
  async recordsOf(db: Db, personId: string, sensitivities: string[], currentOnly = true) {
    return db
      .select({ r: personRecords, sourceTitle: sources.title, sourceSensitivity: sources.sensitivity })
      .from(personRecords)
      .innerJoin(sources, eq(sources.id, personRecords.sourceId))
      .where(and(eq(personRecords.personId, personId), inArray(personRecords.sensitivity, sensitivities),
        currentOnly ? eq(personRecords.isCurrent, true) : undefined))
      .orderBy(asc(personRecords.createdAt), asc(personRecords.version));
  },
  async history(db: Db, recordId: string): Promise<PersonRecordRow[]> {
    const out: PersonRecordRow[] = [];
    let cur = await this.getRecord(db, recordId);
    while (cur) {
      out.push(cur);
      cur = cur.supersedes ? await this.getRecord(db, cur.supersedes) : undefined;
    }
    const newer = await queryRows<{ id: string }>(db, sql`with recursive n as (
        select id from person_records where supersedes = ${recordId}
        union all select p.id from person_records p join n on p.supersedes = n.id) select id from n`);
    for (const { id } of newer) out.unshift((await this.getRecord(db, id))!);
    return out;
  },

  async ranked(db: Db, match: SQL, score: SQL, w: SQL | undefined, q: PersonListQuery) {
    const where = and(match, w);
    const count = await cappedCount(db, sql`select 1 from ${persons} where ${where}`);
    // Beyond 1,000 matches ranking means little and would read every match: list them in id order (stable pages).
    const order = count.estimated ? sql`${persons.id} asc` : q.sort === 'name' ? sql`${persons.displayName} asc`
      : q.sort === 'status' ? sql`${persons.status} asc, ${score} desc` : q.sort === 'updated' ? sql`${persons.updatedAt} desc` : sql`${score} desc, ${persons.displayName} asc`;
    const rows = await db.select({ p: persons, score: sql<number>`${score}` }).from(persons).where(where)
      .orderBy(order, asc(persons.id)).limit(q.limit).offset(q.offset);
    return { items: rows.map((r) => ({ ...r.p, score: Number(r.score) })), total: count.total, estimated: count.estimated };
  },

  /**
   * Lists persons; with a name query, searches the person-level search columns: exact canonical tokens first
   * (every spelling folds to the same tokens; GIN index), fuzzy trigram word similarity when nothing matches
   * exactly. Results are ranked by score up to 1,000 matches; beyond that they are listed by name and the
   * total is the planner's estimate (`estimated: true`).
   */
  async search(db: Db, s: PersonSearch): Promise<{ items: (PersonRow & { score?: number })[]; total: number; estimated?: boolean }> {
    const w = and(...filters(s));
    const q = s.query;
    if (s.key !== undefined && s.text !== undefined) {
      const tokens = s.key.split(' ').filter(Boolean);
      const exactWhere = tokens.length ? sql`${persons.nameTokens} @> ${sql`array[${sql.join(tokens.map((t) => sql`${t}`), sql`, `)}]::text[]`}` : sql`false`;
      const exactScore = sql`${tokens.length}::float8 / greatest(cardinality(${persons.nameTokens}), 1)`;
      const first = await this.ranked(db, exactWhere, exactScore, w, q);
      if (first.total > 0) return first;
      const fuzzyWhere = sql`(${s.key} <% ${persons.nameKey} or ${s.text} <% ${persons.nameText})`;
      const fuzzyScore = sql`greatest(0.6 * word_similarity(${s.key}, ${persons.nameKey}) + 0.4 * similarity(${s.key}, ${persons.nameKey}),
        0.6 * word_similarity(${s.text}, ${persons.nameText}) + 0.4 * similarity(${s.text}, ${persons.nameText}))`;
      return this.ranked(db, fuzzyWhere, fuzzyScore, w, q);
    }
    const order = q.sort === 'status' ? [asc(persons.status), asc(persons.displayName)] : q.sort === 'updated' ? [desc(persons.updatedAt)] : [asc(persons.displayName)];
    const items = await db.select().from(persons).where(w).orderBy(...order, asc(persons.id)).limit(q.limit).offset(q.offset);
    const count = await cappedCount(db, sql`select 1 from ${persons} where ${w}`);
    return { items, total: count.total, estimated: count.estimated };
  },
};
