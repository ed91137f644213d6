import { sql, type SQL } from 'drizzle-orm';
import { bulkInsert } from './bulk';
import type { Db } from './connection';
import { auditEvents } from './schema';

export interface AuditInput {
  actor: string;
  entity: string;
  entityId?: string | null;
  action: string;
  diff?: unknown;
}

/** Fields whose values never appear in audit text: they name or locate a person. */
const PERSONAL = new Set([
  'familyName', 'givenName', 'patronymic', 'fullName', 'birth', 'birthPlace', 'serviceNumber', 'nameText', 'nameKey',
  'identity', 'contact', 'identityEnc', 'contactEnc', 'address', 'phone', 'email', 'narrative', 'originalName', 'password', 'passwordHash',
]);

export function redactPersonal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactPersonal);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = PERSONAL.has(k) ? (v == null ? v : '[redacted]') : redactPersonal(v);
    }
    return out;
  }
  return value;
}

/** Writes an audit event; call inside the transaction of the change it records. */
export async function audit(tx: Db, e: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({
    actor: e.actor,
    entity: e.entity,
    entityId: e.entityId ?? null,
    action: e.action,
    diff: e.diff === undefined ? null : (redactPersonal(e.diff) as object),
  });
}

/** Writes many audit events at once (bulk imports, binary COPY where it can); same redaction as `audit`. */
export async function auditMany(tx: Db, events: AuditInput[]): Promise<void> {
  await bulkInsert(tx, auditEvents, events.map((e) => ({
    actor: e.actor, entity: e.entity, entityId: e.entityId ?? null, action: e.action,
    diff: e.diff === undefined ? null : redactPersonal(e.diff),
  })));
}

/** Runs `fn` in one transaction: all or nothing. */
export function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}

/** Runs raw SQL and returns its rows (PGlite and node-postgres both answer `{ rows }`). */
export async function queryRows<T>(db: Db, query: SQL | string): Promise<T[]> {
  const r = (await db.execute(query as SQL)) as unknown as { rows: T[] };
  return r.rows;
}

/** Joins the caller's transaction when given one, else opens its own. */
export function withTx<T>(db: Db, tx: Db | undefined, fn: (tx: Db) => Promise<T>): Promise<T> {
  return tx ? fn(tx) : inTransaction(db, fn);
}

/**
 * Counts rows of a query exactly up to `cap`; beyond it, answers the planner's estimate (fast on millions
 * of rows, where an exact count would read every match). `select` must be a complete SELECT statement.
 */
export async function cappedCount(db: Db, select: SQL, cap = 1000): Promise<{ total: number; estimated: boolean }> {
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (${select} limit ${cap + 1}) capped`);
  if (Number(n) <= cap) return { total: Number(n), estimated: false };
  const plan = await queryRows<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(db, sql`explain (format json) ${select}`);
  const raw = plan[0]['QUERY PLAN'];
  const est = (typeof raw === 'string' ? JSON.parse(raw) : raw)[0].Plan['Plan Rows'];
  return { total: Math.max(cap + 1, Math.round(Number(est))), estimated: true };
}
