import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, schema, type Db } from '../db';
import { likePattern } from '../registry';

const { findings } = schema;
export type FindingRow = typeof findings.$inferSelect;
export type NewFindingRow = typeof findings.$inferInsert;

const LATEST = sql`not exists (select 1 from findings f2 where f2.slug = findings.slug and f2.version > findings.version)`;
const LATEST_PUBLISHED = sql`not exists (select 1 from findings f2 where f2.slug = findings.slug and f2.version > findings.version and f2.status = 'published')`;

export const findingRepository = {
  async insert(db: Db, row: NewFindingRow): Promise<FindingRow> {
    const [r] = await db.insert(findings).values(row).returning();
    return r;
  },
  /** Drafts only: the trigger refuses published rows anyway. */
  async update(db: Db, id: string, patch: Partial<NewFindingRow>): Promise<FindingRow> {
    const [r] = await db.update(findings).set(patch).where(eq(findings.id, id)).returning();
    return r;
  },
  async remove(db: Db, id: string): Promise<void> {
    await db.delete(findings).where(eq(findings.id, id));
  },
  async get(db: Db, id: string): Promise<FindingRow | undefined> {
    const [r] = await db.select().from(findings).where(eq(findings.id, id));
    return r;
  },
  async bySlug(db: Db, slug: string, version?: number, publishedOnly = false): Promise<FindingRow | undefined> {
    const w: SQL[] = [eq(findings.slug, slug)];
    if (version !== undefined) w.push(eq(findings.version, version));
    if (publishedOnly) w.push(eq(findings.status, 'published'));
    const [r] = await db.select().from(findings).where(and(...w)).orderBy(desc(findings.version)).limit(1);
    return r;
  },
  async maxVersion(db: Db, slug: string): Promise<number> {
    const [r] = await queryRows<{ v: number | null }>(db, sql`select max(version)::int as v from findings where slug = ${slug}`);
    return Number(r?.v ?? 0);
  },
  /** For each id, the id of the row that supersedes it (the newest such), if any. */
  async supersededBy(db: Db, ids: string[], publishedOnly = false): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await queryRows<{ old: string; newer: string }>(db, sql`
      select f.supersedes as old, f.id as newer from findings f
      where f.supersedes in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)}) ${publishedOnly ? sql`and f.status = 'published'` : sql``}
      order by f.version`);
    return new Map(rows.map((r) => [r.old, r.newer]));
  },
  async list(db: Db, q: { q?: string; status?: string; kind?: string; allVersions: boolean; limit: number; offset: number }, publicOnly: boolean) {
    const w: SQL[] = [];
    if (publicOnly) w.push(eq(findings.status, 'published'));
    if (!q.allVersions) w.push(publicOnly ? LATEST_PUBLISHED : LATEST);
    if (q.status) w.push(eq(findings.status, q.status));
    if (q.kind) w.push(eq(findings.kind, q.kind));
    if (q.q) w.push(sql`(findings.title ilike ${likePattern(q.q)} or findings.slug ilike ${likePattern(q.q)})`);
    const cond = w.length ? and(...w) : undefined;
    const items = await db.select().from(findings).where(cond).orderBy(findings.slug, desc(findings.version)).limit(q.limit).offset(q.offset);
    const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(findings).where(cond);
    return { items, total: Number(total) };
  },
};
