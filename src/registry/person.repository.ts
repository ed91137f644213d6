import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db';
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
      .select({ r: personRecords, sourceTitle: sources.title })
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

  async rankedHits(db: Db, hits: SQL, w: SQL | undefined, q: PersonListQuery): Promise<{ items: (PersonRow & { score?: number })[]; total: number }> {
    const order = q.sort === 'name' ? sql`persons.display_name asc` : q.sort === 'status' ? sql`persons.status asc, h.score desc` : q.sort === 'updated' ? sql`persons.updated_at desc` : sql`h.score desc, persons.display_name asc`;
    const rows = await queryRows<{ id: string; score: number; total: number }>(db, sql`
      with h as (${hits})
      select persons.id, h.score::float8 as score, count(*) over ()::int as total
      from h join ${persons} on persons.id = h.person_id where ${w}
      order by ${order}, persons.id limit ${q.limit} offset ${q.offset}`);
    const ids = rows.map((r) => r.id);
    const byId = new Map((ids.length ? await db.select().from(persons).where(inArray(persons.id, ids)) : []).map((p) => [p.id, p]));
    const total = rows[0]?.total ?? (q.offset > 0 ? await countHits(db, hits, w) : 0);
    return { items: rows.map((r) => ({ ...byId.get(r.id)!, score: Number(r.score) })), total: Number(total) };
  },

  /** Lists persons; with a name query, ranks by trigram word similarity on name keys and folded names. */
  async search(db: Db, s: PersonSearch): Promise<{ items: (PersonRow & { score?: number })[]; total: number }> {
    const w = and(...filters(s));
    const q = s.query;
    if (s.key !== undefined && s.text !== undefined) {
      // Exact canonical tokens first (every spelling of a name folds to the same tokens; GIN index on name_tokens);
      // when nothing matches exactly, fuzzy trigram word similarity on keys and folded names.
      const tokens = s.key.split(' ').filter(Boolean);
      // Score: the share of the record's tokens the query names (all query tokens are present), cheap to compute on many rows.
      const exact = sql`select pr.person_id, max(${tokens.length}::float8 / greatest(cardinality(pr.name_tokens), 1)) as score
        from ${personRecords} pr where pr.is_current and pr.name_tokens @> ${sql`array[${sql.join(tokens.map((t) => sql`${t}`), sql`, `)}]::text[]`}
        group by pr.person_id`;
      const fuzzy = sql`select pr.person_id, max(greatest(
          0.6 * word_similarity(${s.key}, pr.name_key) + 0.4 * similarity(${s.key}, pr.name_key),
          0.6 * word_similarity(${s.text}, pr.name_text) + 0.4 * similarity(${s.text}, pr.name_text))) as score
        from ${personRecords} pr
        where pr.is_current and (${s.key} <% pr.name_key or ${s.text} <% pr.name_text)
        group by pr.person_id`;
      const first = tokens.length ? await this.rankedHits(db, exact, w, q) : { items: [], total: 0 };
      return first.total > 0 ? first : this.rankedHits(db, fuzzy, w, q);
    }
    const order = q.sort === 'status' ? [asc(persons.status), asc(persons.displayName)] : q.sort === 'updated' ? [desc(persons.updatedAt)] : [asc(persons.displayName)];
    const items = await db.select().from(persons).where(w).orderBy(...order, asc(persons.id)).limit(q.limit).offset(q.offset);
    const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(persons).where(w);
    return { items, total: Number(total) };
  },
};

async function countHits(db: Db, hits: SQL, w: SQL | undefined): Promise<number> {
  const r = await queryRows<{ total: number }>(db, sql`with h as (${hits}) select count(*)::int as total from h join ${persons} on persons.id = h.person_id where ${w}`);
  return Number(r[0]?.total ?? 0);
}
