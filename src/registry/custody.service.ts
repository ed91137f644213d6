import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../domain';
import { NotFoundError, ValidationError } from '../domain';
import { audit, inTransaction, schema, withTx, type Db } from '../db';
import { dateColumns, likePattern, validate, type Page } from './common.schema';
import { custodyInput, custodyListQuery, custodyUpdate, type CustodyEpisode } from './custody.schema';
import { isPublicActor, readableSensitivities } from './visibility';

const { custodyEpisodes, personRecords, facilities, sources } = schema;
type Row = typeof custodyEpisodes.$inferSelect;

function toEpisode(r: Row, extra: { personId?: string; facilityName?: string } = {}): CustodyEpisode {
  return {
    id: r.id, personRecordId: r.personRecordId, facilityId: r.facilityId, sourceId: r.sourceId, from: r.fromDate, to: r.toDate,
    fromEarliest: r.fromEarliest, toLatest: r.toLatest ?? r.fromLatest, notes: r.notes, sensitivity: r.sensitivity, ...extra,
  };
}

function dates(from: string | null | undefined, to: string | null | undefined) {
  const f = dateColumns(from), t = dateColumns(to);
  return { fromDate: f.text, fromEarliest: f.earliest, fromLatest: f.latest, toDate: t.text, toEarliest: t.earliest, toLatest: t.latest };
}

async function checkRefs(db: Db, v: { personRecordId?: string; facilityId?: string; sourceId?: string }) {
  const issues = [];
  if (v.personRecordId && !(await db.select({ id: personRecords.id }).from(personRecords).where(eq(personRecords.id, v.personRecordId))).length) issues.push({ field: 'personRecordId', message: 'no such person record' });
  if (v.facilityId && !(await db.select({ id: facilities.id }).from(facilities).where(eq(facilities.id, v.facilityId))).length) issues.push({ field: 'facilityId', message: 'no such facility' });
  if (v.sourceId && !(await db.select({ id: sources.id }).from(sources).where(eq(sources.id, v.sourceId))).length) issues.push({ field: 'sourceId', message: 'no such source' });
  if (issues.length) throw new ValidationError(issues);
}

export class CustodyService {
  constructor(private readonly db: Db) {}

  async create(actor: Actor, input: unknown, tx?: Db): Promise<CustodyEpisode> {
    const v = validate(custodyInput, input);
    const run = async (db: Db) => {
      await checkRefs(db, v);
      const [r] = await db.insert(custodyEpisodes).values({
        personRecordId: v.personRecordId, facilityId: v.facilityId, sourceId: v.sourceId, notes: v.notes ?? null,
        sensitivity: v.sensitivity, createdBy: actor.id, ...dates(v.from, v.to),
      }).returning();
      await audit(db, { actor: actor.id, entity: 'custody_episode', entityId: r.id, action: 'create', diff: { after: toEpisode(r) } });
      return toEpisode(r);
    };
    return withTx(this.db, tx, run);
  }

  async update(actor: Actor, id: string, input: unknown): Promise<CustodyEpisode> {
    const v = validate(custodyUpdate, input);
    return inTransaction(this.db, async (tx) => {
      const [before] = await tx.select().from(custodyEpisodes).where(eq(custodyEpisodes.id, id));
      if (!before) throw new NotFoundError('custody episode', id);
      await checkRefs(tx, v);
      const from = v.from !== undefined ? v.from : before.fromDate;
      const to = v.to !== undefined ? v.to : before.toDate;
      validate(custodyInput, { ...toEpisode(before), ...v, from, to });
      const { from: _f, to: _t, ...rest } = v;
      const [after] = await tx.update(custodyEpisodes).set({ ...rest, ...dates(from, to) }).where(eq(custodyEpisodes.id, id)).returning();
      await audit(tx, { actor: actor.id, entity: 'custody_episode', entityId: id, action: 'update', diff: { before: toEpisode(before), after: toEpisode(after) } });
      return toEpisode(after);
    });
  }

  async get(actor: Actor, id: string): Promise<CustodyEpisode> {
    const [r] = await this.db.select().from(custodyEpisodes).where(eq(custodyEpisodes.id, id));
    if (!r || isPublicActor(actor) || !readableSensitivities(actor).includes(r.sensitivity)) throw new NotFoundError('custody episode', id);
    return toEpisode(r);
  }

  async list(actor: Actor, query: unknown): Promise<Page<CustodyEpisode>> {
    const q = validate(custodyListQuery, query);
    if (isPublicActor(actor)) return { items: [], total: 0 };
    const w: SQL[] = [inArray(custodyEpisodes.sensitivity, readableSensitivities(actor))];
    if (q.personId) w.push(eq(personRecords.personId, q.personId));
    if (q.facilityId) w.push(eq(custodyEpisodes.facilityId, q.facilityId));
    if (q.sourceId) w.push(eq(custodyEpisodes.sourceId, q.sourceId));
    if (q.q) w.push(sql`${facilities.name} ilike ${likePattern(q.q)}`);
    const cond = and(...w);
    const rows = await this.db.select({ e: custodyEpisodes, personId: personRecords.personId, facilityName: facilities.name })
      .from(custodyEpisodes)
      .innerJoin(personRecords, eq(personRecords.id, custodyEpisodes.personRecordId))
      .innerJoin(facilities, eq(facilities.id, custodyEpisodes.facilityId))
      .where(cond).orderBy(asc(custodyEpisodes.fromEarliest), asc(custodyEpisodes.id)).limit(q.limit).offset(q.offset);
    const [{ total }] = await this.db.select({ total: sql<number>`count(*)::int` }).from(custodyEpisodes)
      .innerJoin(personRecords, eq(personRecords.id, custodyEpisodes.personRecordId))
      .innerJoin(facilities, eq(facilities.id, custodyEpisodes.facilityId)).where(cond);
    return { items: rows.map((r) => toEpisode(r.e, { personId: r.personId, facilityName: r.facilityName })), total: Number(total) };
  }
}
