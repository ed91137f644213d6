// SQL of evidence rows and custody events (both append-only: insert and read only).
import { and, asc, desc, eq, inArray, like, sql } from 'drizzle-orm';
import { queryRows, schema, type Db } from '../db';
import type { CustodyEventView, EvidenceItem, EvidenceListQuery } from './evidence.schema';

const { evidenceItems, custodyEvents } = schema;
type EvidenceRow = typeof evidenceItems.$inferSelect;
type CustodyRow = typeof custodyEvents.$inferSelect;

export const iso = (t: string | Date): string => new Date(typeof t === 'string' && !/[zZ]|[+-]\d\d(:?\d\d)?$/.test(t) ? `${t}Z` : t).toISOString();

export function toItem(r: EvidenceRow): EvidenceItem {
  return {
    id: r.id, sha256: r.sha256, size: Number(r.size), mediaType: r.mediaType, originalName: r.originalName,
    receivedAt: iso(r.receivedAt), receivedBy: r.receivedBy, sourceId: r.sourceId, derivedFrom: r.derivedFrom,
    metadata: (r.metadata as Record<string, unknown> | null) ?? null, sensitivity: r.sensitivity as EvidenceItem['sensitivity'],
    leafIndex: Number(r.leafIndex),
  };
}

export function toCustody(r: CustodyRow): CustodyEventView {
  return {
    id: r.id, evidenceId: r.evidenceId, kind: r.kind, actor: r.actor, at: iso(r.at),
    details: (r.details as Record<string, unknown> | null) ?? null, leafIndex: Number(r.leafIndex),
  };
}

export const evidenceRepository = {
  async insertItem(tx: Db, v: typeof evidenceItems.$inferInsert): Promise<EvidenceItem> {
    const [row] = await tx.insert(evidenceItems).values(v).returning();
    return toItem(row);
  },

  async insertCustody(tx: Db, v: typeof custodyEvents.$inferInsert): Promise<CustodyEventView> {
    const [row] = await tx.insert(custodyEvents).values(v).returning();
    return toCustody(row);
  },

  async get(db: Db, id: string): Promise<EvidenceItem | null> {
    const [row] = await db.select().from(evidenceItems).where(eq(evidenceItems.id, id));
    return row ? toItem(row) : null;
  },

  async getMany(db: Db, ids: readonly string[]): Promise<EvidenceItem[]> {
    if (ids.length === 0) return [];
    return (await db.select().from(evidenceItems).where(inArray(evidenceItems.id, [...ids]))).map(toItem);
  },

  async list(db: Db, q: EvidenceListQuery, sensitivities: string[]): Promise<{ items: EvidenceItem[]; total: number }> {
    const where = and(
      inArray(evidenceItems.sensitivity, sensitivities),
      q.sha256 ? like(evidenceItems.sha256, `${q.sha256}%`) : undefined,
      q.sourceId ? eq(evidenceItems.sourceId, q.sourceId) : undefined,
      q.mediaType ? eq(evidenceItems.mediaType, q.mediaType) : undefined,
    );
    const rows = await db.select().from(evidenceItems).where(where).orderBy(desc(evidenceItems.receivedAt), asc(evidenceItems.id)).limit(q.limit).offset(q.offset);
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(evidenceItems).where(where);
    return { items: rows.map(toItem), total: Number(n) };
  },

  async custodyOf(db: Db, evidenceId: string): Promise<CustodyEventView[]> {
    return (await db.select().from(custodyEvents).where(eq(custodyEvents.evidenceId, evidenceId)).orderBy(asc(custodyEvents.leafIndex))).map(toCustody);
  },

  /** Every evidence row (for verify and bundles). */
  async all(db: Db): Promise<EvidenceItem[]> {
    return (await db.select().from(evidenceItems).orderBy(asc(evidenceItems.leafIndex))).map(toItem);
  },

  async allCustody(db: Db): Promise<CustodyEventView[]> {
    return (await db.select().from(custodyEvents).orderBy(asc(custodyEvents.leafIndex))).map(toCustody);
  },

  /** Leaf hash stored for a leaf index (the `prev` of a derivative's entry). */
  async leafHashAt(db: Db, index: number): Promise<Uint8Array | null> {
    const [r] = await queryRows<{ hash: Uint8Array }>(db, sql`select hash from log_leaves where idx = ${index}`);
    return r ? new Uint8Array(r.hash) : null;
  },
};
