/**
 * SQL of linkage in a workspace: current records as the engine reads them, reviewer decisions,
 * runs, the review queue, merge history, and the bulk moves of records between persons.
 * Bulk statements pass one array per column (`unnest`), which PGlite and node-postgres both accept.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, schema, type Db } from '../db';

const { linkRuns, linkPairs, linkDecisions, personMerges, personRecords, persons, sources } = schema;

const CHUNK = 5000;
const chunks = <T>(xs: readonly T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
};

/** A current record as linkage needs it. */
export interface LinkSourceRow {
  id: string;
  personId: string;
  sourceId: string;
  familyName: string | null;
  givenName: string | null;
  patronymic: string | null;
  fullName: string | null;
  birth: string | null;
  sex: string;
  unit: string | null;
  rank: string | null;
  serviceNumber: string | null;
  birthPlace: string | null;
  /** Epoch seconds of the record's creation. */
  createdAt: number;
  /** Epoch seconds of its person's creation. */
  personCreatedAt: number;
  personSensitivity: string;
}

interface RawSourceRow {
  id: string; person_id: string; source_id: string; family_name: string | null; given_name: string | null; patronymic: string | null;
  full_name: string | null; birth: string | null; sex: string; unit: string | null; rank: string | null; service_number: string | null;
  birth_place: string | null; created_at: number | string; person_created_at: number | string; person_sensitivity: string;
}

const toSourceRow = (r: RawSourceRow): LinkSourceRow => ({
  id: r.id, personId: r.person_id, sourceId: r.source_id, familyName: r.family_name, givenName: r.given_name, patronymic: r.patronymic,
  fullName: r.full_name, birth: r.birth, sex: r.sex, unit: r.unit, rank: r.rank, serviceNumber: r.service_number, birthPlace: r.birth_place,
  createdAt: Number(r.created_at), personCreatedAt: Number(r.person_created_at), personSensitivity: r.person_sensitivity,
});

const SOURCE_COLUMNS = sql`r.id, r.person_id, r.source_id, r.family_name, r.given_name, r.patronymic, r.full_name, r.birth, r.sex, r.unit,
  r.rank, r.service_number, r.birth_place, extract(epoch from r.created_at)::float8 as created_at,
  extract(epoch from p.created_at)::float8 as person_created_at, p.sensitivity as person_sensitivity`;

export interface DecisionRow { id: string; recordA: string; recordB: string; decision: string; decidedBy: string; decidedAt: string; note: string | null }

export interface PairRow {
  id: string; runId: string; recordA: string; recordB: string; weight: number; probability: number; explanation: unknown; status: string;
}

export const linkageRepository = {
  /** The database's clock now (not the transaction's start). */
  async now(db: Db): Promise<string> {
    const [r] = await queryRows<{ t: string }>(db, sql`select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as t`);
    return r.t;
  },

  /** Every current record, oldest first. */
  async currentRecords(db: Db): Promise<LinkSourceRow[]> {
    const rows = await queryRows<RawSourceRow>(db, sql`select ${SOURCE_COLUMNS} from person_records r join persons p on p.id = r.person_id
      where r.is_current order by r.created_at, r.id`);
    return rows.map(toSourceRow);
  },

  /** Current records of some persons, oldest first. */
  async recordsOfPersons(db: Db, personIds: readonly string[]): Promise<LinkSourceRow[]> {
    if (!personIds.length) return [];
    const rows = await queryRows<RawSourceRow>(db, sql`select ${SOURCE_COLUMNS} from person_records r join persons p on p.id = r.person_id
      where r.is_current and r.person_id = any(${sql.param([...personIds])}::uuid[]) order by r.created_at, r.id`);
    return rows.map(toSourceRow);
  },

  /** Current records by id (any person). */
  async recordsById(db: Db, ids: readonly string[]): Promise<LinkSourceRow[]> {
    if (!ids.length) return [];
    const rows = await queryRows<RawSourceRow>(db, sql`select ${SOURCE_COLUMNS} from person_records r join persons p on p.id = r.person_id
      where r.is_current and r.id = any(${sql.param([...ids])}::uuid[]) order by r.created_at, r.id`);
    return rows.map(toSourceRow);
  },

  /** (id, person) of every current record: the state a run's plan was made on, checked again before writing. */
  async currentPersonOf(db: Db): Promise<Map<string, string>> {
    const rows = await queryRows<{ id: string; person_id: string }>(db, sql`select id, person_id from person_records where is_current`);
    return new Map(rows.map((r) => [r.id, r.person_id]));
  },

  /** Blocks every other writer of person records until the transaction ends (readers go on). */
  async lockRecords(db: Db): Promise<void> {
    await db.execute(sql`lock table person_records in share row exclusive mode`);
  },

  async lockPersons(db: Db, ids: readonly string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await queryRows<{ id: string }>(db, sql`select id from persons where id = any(${sql.param([...ids])}::uuid[]) order by id for update`);
    return rows.map((r) => r.id);
  },

  async persons(db: Db, ids: readonly string[]) {
    if (!ids.length) return [];
    return db.select({ id: persons.id, sensitivity: persons.sensitivity, published: persons.published, createdAt: persons.createdAt })
      .from(persons).where(inArray(persons.id, [...ids]));
  },

  /**
   * For records that are no longer current, the current version that supersedes them (followed to
   * the end); a decision made on an older version applies to its current one.
   */
  async currentVersions(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await queryRows<{ start: string; id: string }>(db, sql`with recursive v(start, id, cur) as (
        select r.id, r.id, r.is_current from person_records r where r.id = any(${sql.param([...ids])}::uuid[])
        union all
        select v.start, n.id, n.is_current from v join person_records n on n.supersedes = v.id where not v.cur)
      select start, id from v where cur`);
    return new Map(rows.map((r) => [r.start, r.id]));
  },

  async decisions(db: Db): Promise<DecisionRow[]> {
    return db.select({
      id: linkDecisions.id, recordA: linkDecisions.recordA, recordB: linkDecisions.recordB, decision: linkDecisions.decision,
      decidedBy: linkDecisions.decidedBy, decidedAt: linkDecisions.decidedAt, note: linkDecisions.note,
    }).from(linkDecisions);
  },

  /** Decisions touching any of these records. */
  async decisionsAmong(db: Db, recordIds: readonly string[]): Promise<DecisionRow[]> {
    if (!recordIds.length) return [];
    const ids = sql.param([...recordIds]);
    const rows = await queryRows<{ id: string; record_a: string; record_b: string; decision: string; decided_by: string; decided_at: string; note: string | null }>(db,
      sql`select id, record_a, record_b, decision, decided_by, decided_at::text as decided_at, note from link_decisions
        where record_a = any(${ids}::uuid[]) or record_b = any(${ids}::uuid[])`);
    return rows.map((r) => ({ id: r.id, recordA: r.record_a, recordB: r.record_b, decision: r.decision, decidedBy: r.decided_by, decidedAt: r.decided_at, note: r.note }));
  },

  /** Records (or replaces) decisions; a < b. Returns how many rows changed. */
  async upsertDecisions(db: Db, rows: { a: string; b: string; decision: string; note?: string | null }[], decidedBy: string): Promise<number> {
    let n = 0;
    for (const part of chunks(rows, 2000)) {
      const r = await queryRows<{ id: string }>(db, sql`insert into link_decisions (record_a, record_b, decision, decided_by, note)
        select u.a, u.b, u.d, ${decidedBy}, u.n from unnest(${sql.param(part.map((x) => x.a))}::uuid[], ${sql.param(part.map((x) => x.b))}::uuid[],
          ${sql.param(part.map((x) => x.decision))}::text[], ${sql.param(part.map((x) => x.note ?? null))}::text[]) as u(a, b, d, n)
        on conflict (record_a, record_b) do update set decision = excluded.decision, decided_by = excluded.decided_by,
          decided_at = now(), note = coalesce(excluded.note, link_decisions.note)
        where link_decisions.decision is distinct from excluded.decision or excluded.note is not null
        returning id`);
      n += r.length;
    }
    // Pairs in the review queue that now have a decision leave it.
    if (rows.length) {
      for (const part of chunks(rows, 2000)) {
        await db.execute(sql`update link_pairs lp set status = u.d from unnest(${sql.param(part.map((x) => x.a))}::uuid[], ${sql.param(part.map((x) => x.b))}::uuid[],
          ${sql.param(part.map((x) => x.decision))}::text[]) as u(a, b, d) where lp.record_a = u.a and lp.record_b = u.b and lp.status <> u.d`);
      }
    }
    return n;
  },

  async deleteDecisions(db: Db, ids: readonly string[]): Promise<void> {
    if (ids.length) await db.execute(sql`delete from link_decisions where id = any(${sql.param([...ids])}::uuid[])`);
  },

  async lastRun(db: Db) {
    const [r] = await db.select().from(linkRuns).orderBy(sql`${linkRuns.at} desc, ${linkRuns.id} desc`).limit(1);
    return r;
  },

  async insertRun(db: Db, row: typeof linkRuns.$inferInsert) {
    const [r] = await db.insert(linkRuns).values(row).returning();
    return r;
  },

  async listRuns(db: Db, limit: number, offset: number) {
    const items = await db.select().from(linkRuns).orderBy(sql`${linkRuns.at} desc, ${linkRuns.id} desc`).limit(limit).offset(offset);
    const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from link_runs`);
    return { items, total: Number(n) };
  },

  /** The review band of a run: pending pairs not yet decided replace the old pending ones (full runs) or join them (incremental). */
  async replaceReviewQueue(db: Db, runId: string, pairs: { a: string; b: string; weight: number; probability: number; explanation: unknown }[], full: boolean): Promise<number> {
    if (full) await db.execute(sql`delete from link_pairs where status in ('pending', 'skipped')`);
    let added = 0;
    for (const part of chunks(pairs, 1000)) {
      const r = await queryRows<{ id: string }>(db, sql`insert into link_pairs (run_id, record_a, record_b, weight, probability, explanation, status)
        select ${runId}::uuid, u.a, u.b, u.w, u.p, u.e::jsonb, 'pending'
        from unnest(${sql.param(part.map((x) => x.a))}::uuid[], ${sql.param(part.map((x) => x.b))}::uuid[], ${sql.param(part.map((x) => x.weight))}::float8[],
          ${sql.param(part.map((x) => x.probability))}::float8[], ${sql.param(part.map((x) => JSON.stringify(x.explanation)))}::text[]) as u(a, b, w, p, e)
        where not exists (select 1 from link_decisions d where d.record_a = u.a and d.record_b = u.b)
        on conflict (record_a, record_b) do update set run_id = excluded.run_id, weight = excluded.weight, probability = excluded.probability,
          explanation = excluded.explanation, status = 'pending'
        where link_pairs.status in ('pending', 'skipped')
        returning id`);
      added += r.length;
    }
    return added;
  },

  async pendingCount(db: Db): Promise<number> {
    const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from link_pairs lp
      join person_records ra on ra.id = lp.record_a join person_records rb on rb.id = lp.record_b
      where lp.status = 'pending' and ra.is_current and rb.is_current`);
    return Number(n);
  },

  /** Review pairs whose two records are current and readable at these sensitivities, most uncertain first. */
  async listPairs(db: Db, q: { statuses: readonly string[]; sensitivities: readonly string[]; limit: number; offset: number }) {
    const where = sql`lp.status = any(${sql.param([...q.statuses])}::text[]) and ra.is_current and rb.is_current
      and ra.sensitivity = any(${sql.param([...q.sensitivities])}::text[]) and rb.sensitivity = any(${sql.param([...q.sensitivities])}::text[])`;
    const rows = await queryRows<{ id: string; run_id: string; record_a: string; record_b: string; weight: number; probability: number; explanation: unknown; status: string }>(db,
      sql`select lp.id, lp.run_id, lp.record_a, lp.record_b, lp.weight, lp.probability, lp.explanation, lp.status
        from link_pairs lp join person_records ra on ra.id = lp.record_a join person_records rb on rb.id = lp.record_b
        where ${where} order by abs(lp.weight) asc, lp.id limit ${q.limit} offset ${q.offset}`);
    const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n
        from link_pairs lp join person_records ra on ra.id = lp.record_a join person_records rb on rb.id = lp.record_b where ${where}`);
    return { items: rows.map(toPair), total: Number(n) };
  },

  async getPair(db: Db, id: string, forUpdate = false): Promise<PairRow | undefined> {
    const rows = await queryRows<{ id: string; run_id: string; record_a: string; record_b: string; weight: number; probability: number; explanation: unknown; status: string }>(db,
      sql`select id, run_id, record_a, record_b, weight, probability, explanation, status from link_pairs where id = ${id}::uuid ${forUpdate ? sql`for update` : sql``}`);
    return rows[0] ? toPair(rows[0]) : undefined;
  },

  async setPairStatus(db: Db, id: string, status: string): Promise<void> {
    await db.update(linkPairs).set({ status }).where(eq(linkPairs.id, id));
  },

  /** Records with their source's title and sensitivity (for the review screen). */
  async recordsWithSource(db: Db, ids: readonly string[]) {
    if (!ids.length) return [];
    return db.select({ r: personRecords, sourceTitle: sources.title, sourceSensitivity: sources.sensitivity })
      .from(personRecords).innerJoin(sources, eq(sources.id, personRecords.sourceId)).where(inArray(personRecords.id, [...ids]));
  },

  /** New persons (display fields are filled by the registry's refresh). */
  async insertPersons(db: Db, rows: { sensitivity: string }[]): Promise<string[]> {
    if (!rows.length) return [];
    const out: string[] = [];
    for (const part of chunks(rows, 2000)) {
      const r = await db.insert(persons).values(part.map((x) => ({ displayName: '…', sensitivity: x.sensitivity }))).returning({ id: persons.id });
      out.push(...r.map((x) => x.id));
    }
    return out;
  },

  async setSensitivity(db: Db, updates: { id: string; sensitivity: string }[]): Promise<void> {
    for (const part of chunks(updates)) {
      await db.execute(sql`update persons p set sensitivity = u.s, updated_at = now() from unnest(${sql.param(part.map((x) => x.id))}::uuid[], ${sql.param(part.map((x) => x.sensitivity))}::text[]) as u(id, s) where p.id = u.id`);
    }
  },

  /** Moves current records (and their older versions) to other persons. */
  async moveRecords(db: Db, moves: { record: string; person: string }[]): Promise<void> {
    for (const part of chunks(moves)) {
      await db.execute(sql`with recursive v(id, target) as (
          select u.id, u.target from unnest(${sql.param(part.map((x) => x.record))}::uuid[], ${sql.param(part.map((x) => x.person))}::uuid[]) as u(id, target)
          union all
          select r.supersedes, v.target from v join person_records r on r.id = v.id where r.supersedes is not null)
        update person_records pr set person_id = v.target from v where pr.id = v.id and pr.person_id <> v.target`);
    }
  },

  /** Every (table, column) with a foreign key to persons(id): what must follow a person that is merged away. */
  async personReferences(db: Db): Promise<{ table: string; column: string }[]> {
    const rows = await queryRows<{ tbl: string; col: string }>(db, sql`select c.conrelid::regclass::text as tbl, a.attname::text as col
      from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
      where c.contype = 'f' and c.confrelid = 'persons'::regclass order by 1, 2`);
    return rows.map((r) => ({ table: r.tbl.replace(/^"|"$/g, ''), column: r.col }));
  },

  /** Points every reference to a removed person at the person it was merged into, then deletes the removed persons. */
  async retirePersons(db: Db, into: { from: string; to: string }[]): Promise<void> {
    if (!into.length) return;
    const refs = await this.personReferences(db);
    for (const part of chunks(into)) {
      const from = sql.param(part.map((x) => x.from)), to = sql.param(part.map((x) => x.to));
      for (const ref of refs) {
        await db.execute(sql`update ${sql.identifier(ref.table)} ref set ${sql.identifier(ref.column)} = u.dst
          from unnest(${from}::uuid[], ${to}::uuid[]) as u(src, dst) where ref.${sql.identifier(ref.column)} = u.src`);
      }
      await db.execute(sql`delete from persons where id = any(${from}::uuid[])`);
    }
  },

  /** A victim named by a record follows the record's person. */
  async syncVictims(db: Db, recordIds: readonly string[]): Promise<void> {
    for (const part of chunks(recordIds)) {
      await db.execute(sql`update allegation_victims v set person_id = r.person_id from person_records r
        where r.id = v.person_record_id and v.person_record_id = any(${sql.param(part)}::uuid[]) and v.person_id is not null and v.person_id <> r.person_id`);
    }
  },

  async insertMerges(db: Db, rows: { actor: string; action: string; details: Record<string, unknown> }[]): Promise<void> {
    for (const part of chunks(rows, 1000)) await db.insert(personMerges).values(part);
  },

  /** Merge history naming a person (kept, merged away or split). */
  async mergesOf(db: Db, personId: string) {
    return queryRows<{ id: string; at: string; actor: string; action: string; details: Record<string, unknown> }>(db,
      sql`select id, at::text as at, actor, action, details from person_merges
        where details->'persons' @> ${JSON.stringify([personId])}::jsonb order by at, id`);
  },

  /** Where a removed person went: the latest merge that removed it. */
  async mergedInto(db: Db, personId: string): Promise<string | null> {
    const rows = await queryRows<{ into: string }>(db, sql`select r->>'into' as into from person_merges m, jsonb_array_elements(m.details->'removed') r
      where r->>'person' = ${personId} order by m.at desc, m.id desc limit 1`);
    return rows[0]?.into ?? null;
  },

  async personExists(db: Db, id: string): Promise<{ id: string; sensitivity: string } | undefined> {
    const [r] = await db.select({ id: persons.id, sensitivity: persons.sensitivity }).from(persons).where(eq(persons.id, id));
    return r;
  },

  async recordPersons(db: Db, ids: readonly string[]) {
    if (!ids.length) return [];
    return db.select({ id: personRecords.id, personId: personRecords.personId, isCurrent: personRecords.isCurrent, sensitivity: personRecords.sensitivity })
      .from(personRecords).where(and(inArray(personRecords.id, [...ids])));
  },
};

function toPair(r: { id: string; run_id: string; record_a: string; record_b: string; weight: number; probability: number; explanation: unknown; status: string }): PairRow {
  return {
    id: r.id, runId: r.run_id, recordA: r.record_a, recordB: r.record_b, weight: Number(r.weight), probability: Number(r.probability),
    explanation: typeof r.explanation === 'string' ? JSON.parse(r.explanation) : r.explanation, status: r.status,
  };
}
