import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { schema, type Db } from '../db';
import type { ReadScope } from './sensitivity';

const { witnesses, protectedDetails, sources, persons } = schema;
export type WitnessRow = typeof witnesses.$inferSelect;
export type ProtectedDetailRow = typeof protectedDetails.$inferSelect;

/** Witnesses whose source the scope may read (or who have no source). */
function sourceVisible(scope: ReadScope): SQL {
  const visible = and(inArray(sources.sensitivity, scope.sensitivities), scope.publishedOnly ? eq(sources.published, true) : undefined)!;
  return or(isNull(witnesses.sourceId), visible)!;
}

export const witnessRepository = {
  async insert(db: Db, row: typeof witnesses.$inferInsert): Promise<WitnessRow> {
    const [r] = await db.insert(witnesses).values(row).returning();
    return r;
  },
  async get(db: Db, id: string, scope: ReadScope): Promise<WitnessRow | undefined> {
    const [r] = await db.select({ w: witnesses }).from(witnesses).leftJoin(sources, eq(sources.id, witnesses.sourceId)).where(and(eq(witnesses.id, id), sourceVisible(scope)));
    return r?.w;
  },
  async pseudonymTaken(db: Db, pseudonym: string): Promise<boolean> {
    return (await db.select({ id: witnesses.id }).from(witnesses).where(eq(witnesses.pseudonym, pseudonym))).length > 0;
  },
  async list(db: Db, q: { sourceId?: string; limit: number; offset: number }, scope: ReadScope) {
    const where = and(sourceVisible(scope), q.sourceId ? eq(witnesses.sourceId, q.sourceId) : undefined);
    const items = await db.select({ w: witnesses }).from(witnesses).leftJoin(sources, eq(sources.id, witnesses.sourceId))
      .where(where).orderBy(asc(witnesses.pseudonym)).limit(q.limit).offset(q.offset);
    const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(witnesses).leftJoin(sources, eq(sources.id, witnesses.sourceId)).where(where);
    return { items: items.map((i) => i.w), total: Number(total) };
  },
  async updateEnvelopes(db: Db, id: string, patch: { identityEnc?: string; contactEnc?: string }): Promise<void> {
    await db.update(witnesses).set(patch).where(eq(witnesses.id, id));
  },
  async sourceExists(db: Db, id: string): Promise<boolean> {
    return (await db.select({ id: sources.id }).from(sources).where(eq(sources.id, id))).length > 0;
  },
};

export const protectedDetailRepository = {
  async insert(db: Db, row: typeof protectedDetails.$inferInsert): Promise<ProtectedDetailRow> {
    const [r] = await db.insert(protectedDetails).values(row).returning();
    return r;
  },
  async ofPerson(db: Db, personId: string): Promise<ProtectedDetailRow[]> {
    return db.select().from(protectedDetails).where(eq(protectedDetails.personId, personId)).orderBy(asc(protectedDetails.createdAt), asc(protectedDetails.id));
  },
  async updateEnvelope(db: Db, id: string, valueEnc: string): Promise<void> {
    await db.update(protectedDetails).set({ valueEnc }).where(eq(protectedDetails.id, id));
  },
  async person(db: Db, id: string) {
    const [r] = await db.select({ id: persons.id, sensitivity: persons.sensitivity, published: persons.published }).from(persons).where(eq(persons.id, id));
    return r;
  },
};
