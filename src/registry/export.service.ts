import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../domain';
import { schema, type Db } from '../db';
import { isPublicActor, readableSensitivities } from './visibility';

/** Tables of a registry export, in dependency order. Restricted fields (witness identities) are never exported. */
const TABLES = {
  sources: schema.sources,
  persons: schema.persons,
  person_records: schema.personRecords,
  facilities: schema.facilities,
  facility_names: schema.facilityNames,
  custody_episodes: schema.custodyEpisodes,
  allegations: schema.allegations,
  allegation_victims: schema.allegationVictims,
  allegation_perpetrators: schema.allegationPerpetrators,
} as const;
export type ExportTable = keyof typeof TABLES;
export const EXPORT_TABLES = Object.keys(TABLES) as ExportTable[];

/** Columns never exported: derived search keys. */
const DROP = new Set(['nameKey', 'nameText', 'nameTokens']);

/**
 * The rows of a table the actor may read, as the API shows them: by sensitivity, for the public
 * only what is published — and, like the public API, no person records, custody episodes, victims
 * or individual perpetrators. Rows without a label of their own (facility names, victims,
 * perpetrators) follow their facility or allegation. null: nothing of this table.
 */
function visibleRows(table: ExportTable, actor: Actor): SQL | null {
  const sens = readableSensitivities(actor);
  const pub = isPublicActor(actor);
  const list = sql.join(sens.map((x) => sql`${x}`), sql`, `);
  const seen = (t: typeof schema.sources | typeof schema.persons | typeof schema.facilities | typeof schema.allegations) =>
    and(inArray(t.sensitivity, sens), pub ? eq(t.published, true) : undefined)!;
  const published = (alias: string) => (pub ? sql.raw(` and ${alias}.published`) : sql``);
  switch (table) {
    case 'sources': return seen(schema.sources);
    case 'persons': return seen(schema.persons);
    case 'facilities': return seen(schema.facilities);
    case 'allegations': return seen(schema.allegations);
    case 'person_records': return pub ? null : inArray(schema.personRecords.sensitivity, sens);
    case 'custody_episodes': return pub ? null : inArray(schema.custodyEpisodes.sensitivity, sens);
    case 'facility_names':
      return sql`exists (select 1 from facilities f where f.id = facility_names.facility_id and f.sensitivity in (${list})${published('f')})`;
    case 'allegation_victims':
      return pub ? null : sql`exists (select 1 from allegations a where a.id = allegation_victims.allegation_id and a.sensitivity in (${list}))`;
    case 'allegation_perpetrators':
      return sql`exists (select 1 from allegations a where a.id = allegation_perpetrators.allegation_id and a.sensitivity in (${list})${published('a')})${pub ? sql` and allegation_perpetrators.kind <> 'individual'` : sql``}`;
  }
}

/** Streams a table's rows in pages, filtered by what the actor may read. */
export async function* exportRows(db: Db, actor: Actor, table: ExportTable, pageSize = 5000): AsyncGenerator<Record<string, unknown>[]> {
  const t = TABLES[table] as typeof schema.sources;
  const where = visibleRows(table, actor);
  if (!where) return;
  for (let offset = 0; ; offset += pageSize) {
    const rows = (await db.select().from(t).where(where).orderBy(asc((t as unknown as { id: typeof schema.sources.id }).id)).limit(pageSize).offset(offset)) as Record<string, unknown>[];
    if (!rows.length) return;
    yield rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !DROP.has(k))));
    if (rows.length < pageSize) return;
  }
}

/** A CSV cell; cells starting with = + - @ (or tab/CR) are neutralised with a leading apostrophe against formula injection. */
export function csvCell(value: unknown): string {
  if (value == null) return '';
  let s = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}
