import { and, count, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { likePattern } from './common.schema';
import { schema } from '../db';
import type { SourceListQuery } from './source.schema';

const { sources, personRecords } = schema;
export type SourceRow = typeof sources.$inferSelect;
export type NewSourceRow = typeof sources.$inferInsert;

export const sourceRepository = {
  async insert(db: Db, row: NewSourceRow): Promise<SourceRow> {
    const [r] = await db.insert(sources).values(row).returning();
    return r;
  },
  async update(db: Db, id: string, patch: Partial<NewSourceRow>): Promise<SourceRow | undefined> {
    const [r] = await db.update(sources).set({ ...patch, updatedAt: sql`now()` }).where(eq(sources.id, id)).returning();
    return r;
  },
  async get(db: Db, id: string): Promise<SourceRow | undefined> {
    const [r] = await db.select().from(sources).where(eq(sources.id, id));
    return r;
  },
  async findByTitle(db: Db, title: string): Promise<SourceRow | undefined> {
    const [r] = await db.select().from(sources).where(eq(sources.title, title)).limit(1);
    return r;
  },
  async list(db: Db, q: SourceListQuery, sensitivities: string[], publicOnly: boolean) {
    const where: SQL[] = [inArray(sources.sensitivity, sensitivities)];
    if (q.q) where.push(ilike(sources.title, likePattern(q.q)));
    if (q.kind) where.push(eq(sources.kind, q.kind));
    if (q.reliability) where.push(eq(sources.reliability, q.reliability));
    if (publicOnly) where.push(eq(sources.published, true));
    const cond = where.length ? and(...where) : undefined;
    const items = await db
      .select({
        row: sources,
        recordCount: sql<number>`(select count(*)::int from ${personRecords} pr where pr.source_id = sources.id and pr.is_current)`,
      })
      .from(sources)
      .where(cond)
      .orderBy(desc(sources.createdAt), sources.id)
      .limit(q.limit)
      .offset(q.offset);
    const [{ total }] = await db.select({ total: count() }).from(sources).where(cond);
    return { items, total: Number(total) };
  },
};
