import { asc } from 'drizzle-orm';
import type { Actor } from '../domain';
import { schema, type Db } from '../db';
import { readableSensitivities } from './visibility';

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
const DROP = new Set(['nameKey', 'nameText']);

/** Streams a table's rows in pages, filtered by what the actor may read. */
export async function* exportRows(db: Db, actor: Actor, table: ExportTable, pageSize = 5000): AsyncGenerator<Record<string, unknown>[]> {
  const t = TABLES[table] as typeof schema.sources;
  const allowed = new Set(readableSensitivities(actor));
  for (let offset = 0; ; offset += pageSize) {
    const rows = (await db.select().from(t).orderBy(asc((t as unknown as { id: typeof schema.sources.id }).id)).limit(pageSize).offset(offset)) as Record<string, unknown>[];
    if (!rows.length) return;
    yield rows
      .filter((r) => typeof r.sensitivity !== 'string' || allowed.has(r.sensitivity))
      .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !DROP.has(k))));
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
