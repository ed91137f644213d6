/**
 * SQL of the import service. Bulk writes go through `bulkInsert` (binary COPY in the import's
 * transaction; INSERT over one array per column where COPY cannot be used).
 */
import { sql, type SQL } from 'drizzle-orm';
import { bulkInsert, queryRows, schema, type Db } from '../db';

const { importRuns, importRejects, importItems, documents, persons, personRecords, custodyEpisodes } = schema;

const CHUNK = 5000;

type Row = Record<string, unknown>;

/**
 * Drops the GIN indexes of `table` inside the caller's transaction and returns their definitions
 * (pg_indexes) for `createIndexes`; a rollback restores them untouched. Building a GIN index once is
 * ~15 times cheaper than inserting row by row into it: worth it when many rows arrive at once, and
 * only where the transaction holds the database alone anyway (PGlite: one connection).
 */
export async function dropGinIndexes(db: Db, table: string): Promise<string[]> {
  const defs = await queryRows<{ indexname: string; indexdef: string }>(db, sql`select indexname, indexdef from pg_indexes
    where schemaname = current_schema() and tablename = ${table} and indexdef ~* 'using gin'`);
  for (const d of defs) await db.execute(sql`drop index ${sql.identifier(d.indexname)}`);
  return defs.map((d) => d.indexdef);
}

/**
 * Drops the foreign keys of `table` inside the caller's transaction and returns the statements that
 * add them again (same names and definitions) for `createIndexes`. Adding a foreign key checks every
 * row in one join, instead of one look-up per inserted row; a violation fails the statement, and
 * with it the transaction. A rollback restores them untouched.
 */
export async function dropForeignKeys(db: Db, table: string): Promise<string[]> {
  const defs = await queryRows<{ conname: string; add: string }>(db, sql`select conname,
      format('alter table %I add constraint %I %s', ${table}::text, conname, pg_get_constraintdef(oid)) as add
    from pg_constraint where conrelid = ${table}::regclass and contype = 'f' order by conname`);
  for (const d of defs) await db.execute(sql`alter table ${sql.identifier(table)} drop constraint ${sql.identifier(d.conname)}`);
  return defs.map((d) => d.add);
}

/** Runs the statements of dropGinIndexes/dropForeignKeys: the indexes are built, the keys added and checked. */
export async function createIndexes(db: Db, defs: string[]): Promise<void> {
  if (!defs.length) return;
  await db.execute(sql`set local maintenance_work_mem = '256MB'`);
  for (const d of defs) await db.execute(sql.raw(d));
}

export interface CurrentRecord { id: string; rowHash: string | null; personId: string; version: number }
export interface CurrentItem { id: string; rowHash: string; version: number; entities: ItemEntities }
export interface ItemEntities { personRecordIds: string[]; custodyEpisodeId?: string; allegationIds?: string[] }
export interface CurrentDocument { id: string; sourceId: string; contentHash: string | null; version: number; recordKey: string }

export const importRepository = {
  async sourceByTitle(db: Db, title: string): Promise<{ id: string; title: string; kind: string } | undefined> {
    const [r] = await queryRows<{ id: string; title: string; kind: string }>(db, sql`select id, title, kind from sources where title = ${title} order by created_at, id limit 1`);
    return r;
  },

  async countPersons(db: Db): Promise<number> {
    const [r] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from persons`);
    return Number(r.n);
  },

  /** Current person records of a source with these keys, by key. */
  async currentRecords(db: Db, sourceId: string, keys: string[]): Promise<Map<string, CurrentRecord>> {
    if (!keys.length) return new Map();
    const rows = await queryRows<{ id: string; record_key: string; row_hash: string | null; person_id: string; version: number }>(db, sql`
      select id, record_key, row_hash, person_id, version from person_records
       where source_id = ${sourceId} and record_key = any(${sql.param(keys)}::text[]) and is_current`);
    return new Map(rows.map((r) => [r.record_key, { id: r.id, rowHash: r.row_hash, personId: r.person_id, version: Number(r.version) }]));
  },

  /** Current records of a source by canonical name key (victim matching). */
  async recordsByNameKey(db: Db, sourceId: string): Promise<Map<string, { id: string; personId: string }>> {
    const rows = await queryRows<{ id: string; name_key: string; person_id: string }>(db, sql`
      select id, name_key, person_id from person_records where source_id = ${sourceId} and is_current and name_key <> '' order by created_at, id`);
    const m = new Map<string, { id: string; personId: string }>();
    for (const r of rows) if (!m.has(r.name_key)) m.set(r.name_key, { id: r.id, personId: r.person_id });
    return m;
  },

  insertPersons: (db: Db, rows: Row[]) => bulkInsert(db, persons, rows),
  insertRecords: (db: Db, rows: Row[]) => bulkInsert(db, personRecords, rows),
  insertEpisodes: (db: Db, rows: Row[]) => bulkInsert(db, custodyEpisodes, rows),
  insertItems: (db: Db, rows: Row[]) => bulkInsert(db, importItems, rows),
  insertRejects: (db: Db, rows: Row[]) => bulkInsert(db, importRejects, rows),

  async supersedeRecords(db: Db, ids: string[]): Promise<void> {
    for (let at = 0; at < ids.length; at += CHUNK) {
      await db.execute(sql`update person_records set is_current = false where id = any(${sql.param(ids.slice(at, at + CHUNK))}::uuid[])`);
    }
  },

  /** Current import items of a source and kind with these keys, by key. */
  async currentItems(db: Db, sourceId: string, kind: string, keys: string[]): Promise<Map<string, CurrentItem>> {
    if (!keys.length) return new Map();
    const rows = await queryRows<{ id: string; record_key: string; row_hash: string; version: number; entities: ItemEntities | string }>(db, sql`
      select id, record_key, row_hash, version, entities from import_items
       where source_id = ${sourceId} and kind = ${kind} and record_key = any(${sql.param(keys)}::text[]) and is_current`);
    return new Map(rows.map((r) => [r.record_key, {
      id: r.id, rowHash: r.row_hash, version: Number(r.version), entities: typeof r.entities === 'string' ? JSON.parse(r.entities) : r.entities,
    }]));
  },

  async supersedeItems(db: Db, ids: string[]): Promise<void> {
    if (ids.length) await db.execute(sql`update import_items set is_current = false where id = any(${sql.param(ids)}::uuid[])`);
  },

  async insertRun(db: Db, row: typeof importRuns.$inferInsert): Promise<string> {
    const [r] = await db.insert(importRuns).values(row).returning({ id: importRuns.id });
    return r.id;
  },

  async setRunStats(db: Db, id: string, stats: Record<string, unknown>): Promise<void> {
    await db.execute(sql`update import_runs set stats = ${JSON.stringify(stats)}::jsonb where id = ${id}`);
  },

  /** A facility whose name or alias has this canonical key (or folded text). */
  async facilityByName(db: Db, key: string, text: string): Promise<{ id: string; name: string } | undefined> {
    if (!key && !text) return undefined;
    const [r] = await queryRows<{ id: string; name: string }>(db, sql`
      select f.id, f.name from facility_names fn join facilities f on f.id = fn.facility_id
       where (${key} <> '' and fn.name_key = ${key}) or (${text} <> '' and fn.name_text = ${text})
       order by (fn.name_key = ${key}) desc, f.created_at, f.id limit 1`);
    return r;
  },

  async evidenceBySha(db: Db, sha256: string): Promise<{ id: string } | undefined> {
    const [r] = await queryRows<{ id: string }>(db, sql`select id from evidence_items where sha256 = ${sha256} and derived_from is null order by leaf_index limit 1`);
    return r;
  },

  async episode(db: Db, id: string): Promise<Row | undefined> {
    const [r] = await db.select().from(custodyEpisodes).where(sql`${custodyEpisodes.id} = ${id}`);
    return r as Row | undefined;
  },

  async updateEpisode(db: Db, id: string, patch: Row): Promise<Row> {
    const [r] = await db.update(custodyEpisodes).set(patch).where(sql`${custodyEpisodes.id} = ${id}`).returning();
    return r as Row;
  },

  async allegation(db: Db, id: string): Promise<Row | undefined> {
    const [r] = await queryRows<Row>(db, sql`select a.*, coalesce((select json_agg(json_build_object('personId', v.person_id, 'personRecordId', v.person_record_id) order by v.id) from allegation_victims v where v.allegation_id = a.id), '[]') as victims,
      coalesce((select json_agg(json_build_object('kind', p.kind, 'name', p.name) order by p.id) from allegation_perpetrators p where p.allegation_id = a.id), '[]') as perpetrators
      from allegations a where a.id = ${id}`);
    return r;
  },

  async updateAllegation(db: Db, id: string, patch: { when: string | null; whenEarliest: string | null; whenLatest: string | null; facilityId: string | null; place: string | null; narrative: string | null; credibility: number },
    victims: { personRecordId: string }[], perpetrators: { kind: string; name: string }[]): Promise<void> {
    await db.execute(sql`update allegations set "when" = ${patch.when}, when_earliest = ${patch.whenEarliest}, when_latest = ${patch.whenLatest},
      facility_id = ${patch.facilityId}, place = ${patch.place}, narrative = ${patch.narrative}, credibility = ${patch.credibility}, updated_at = now() where id = ${id}`);
    await db.execute(sql`delete from allegation_victims where allegation_id = ${id}`);
    if (victims.length) await bulkInsert(db, schema.allegationVictims, victims.map((v) => ({ allegationId: id, personId: null, personRecordId: v.personRecordId })));
    await db.execute(sql`delete from allegation_perpetrators where allegation_id = ${id}`);
    if (perpetrators.length) await bulkInsert(db, schema.allegationPerpetrators, perpetrators.map((p) => ({ allegationId: id, kind: p.kind, name: p.name, notes: null })));
  },

  /** Current documents whose key starts with `prefix` (optionally of one source), by key. */
  async currentDocuments(db: Db, prefix: string, sourceId?: string): Promise<Map<string, CurrentDocument>> {
    const rows = await queryRows<{ id: string; source_id: string; content_hash: string | null; version: number; record_key: string }>(db, sql`
      select id, source_id, content_hash, version, record_key from documents
       where is_current and record_key like ${prefix.replace(/[%_\\]/g, '\\$&') + '%'} ${sourceId ? sql`and source_id = ${sourceId}` : sql``}`);
    return new Map(rows.map((r) => [r.record_key, { id: r.id, sourceId: r.source_id, contentHash: r.content_hash, version: Number(r.version), recordKey: r.record_key }]));
  },

  /** Current documents with these keys (of any source), by key. */
  async documentsByKeys(db: Db, keys: string[]): Promise<Map<string, CurrentDocument>> {
    if (!keys.length) return new Map();
    const rows = await queryRows<{ id: string; source_id: string; content_hash: string | null; version: number; record_key: string }>(db, sql`
      select id, source_id, content_hash, version, record_key from documents where record_key = any(${sql.param(keys)}::text[]) and is_current`);
    return new Map(rows.map((r) => [r.record_key, { id: r.id, sourceId: r.source_id, contentHash: r.content_hash, version: Number(r.version), recordKey: r.record_key }]));
  },

  insertDocuments: (db: Db, rows: Row[]) => bulkInsert(db, documents, rows),

  async supersedeDocuments(db: Db, ids: string[]): Promise<void> {
    if (ids.length) await db.execute(sql`update documents set is_current = false where id = any(${sql.param(ids)}::uuid[])`);
  },

  /** Was this file already imported into this source as this kind? */
  async runExists(db: Db, fileSha256: string, sourceId: string, importedAs: string): Promise<boolean> {
    const [r] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from import_runs where file_sha256 = ${fileSha256} and source_id = ${sourceId} and imported_as = ${importedAs}`);
    return Number(r.n) > 0;
  },

  async listRuns(db: Db, q: { id?: string; fileSha256?: string; sourceId?: string; limit: number; offset: number }, sensitivities: string[]) {
    const w: SQL[] = [sql`s.sensitivity in (${sql.join(sensitivities.map((x) => sql`${x}`), sql`, `)})`];
    if (q.id) w.push(sql`r.id = ${q.id}`);
    if (q.fileSha256) w.push(sql`r.file_sha256 like ${q.fileSha256 + '%'}`);
    if (q.sourceId) w.push(sql`r.source_id = ${q.sourceId}`);
    const where = sql.join(w, sql` and `);
    const items = await queryRows<Row>(db, sql`select r.id, r.file_name, r.file_sha256, r.format, r.imported_as, r.source_id, s.title as source_title, r.stats, r.mapping, r.at::text as at, r.actor
      from import_runs r join sources s on s.id = r.source_id where ${where} order by r.at desc, r.id limit ${q.limit} offset ${q.offset}`);
    const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from import_runs r join sources s on s.id = r.source_id where ${where}`);
    const ids = items.map((i) => String(i.id));
    const rejects = ids.length
      ? await queryRows<Row>(db, sql`select import_id, sheet, row, "column", message, raw from import_rejects where import_id = any(${sql.param(ids)}::uuid[]) order by import_id, row, id`)
      : [];
    return { items, rejects, total: Number(n) };
  },

  async runsOfFile(db: Db, fileSha256: string): Promise<Row[]> {
    return queryRows<Row>(db, sql`select id, file_name, mapping, at::text as at from import_runs where file_sha256 = ${fileSha256} order by at, id`);
  },
};
