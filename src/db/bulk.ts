// Many rows into one table at once: binary COPY (see copy.ts) where the driver is reachable and
// every column has an encoder, else INSERT … SELECT FROM unnest(one array per column).
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './connection';
import { copyRows } from './copy';

const CHUNK = 5000;

type Row = Record<string, unknown>;

/**
 * Inserts rows (objects keyed by the Drizzle field names of `table`); every row must have the same
 * keys, undefined is NULL. Binary COPY when it can (`copyRows`); otherwise one INSERT per 5,000
 * rows, which PGlite and node-postgres both bind with one parameter per column.
 */
export async function bulkInsert(db: Db, table: PgTable, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  if (await copyRows(db, table, rows)) return;
  await insertUnnest(db, table, rows);
}

/**
 * The INSERT of `bulkInsert`: arrays go as JSON text, jsonb as JSON. A column with one value in every
 * row of a chunk goes as one parameter; a column that is NULL in every row and has no default is
 * left out (the same NULL); only the others go as arrays.
 */
export async function insertUnnest(db: Db, table: PgTable, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]).filter((k) => columns[k] !== undefined);
  const tableName = sql.identifier(getTableName(table));
  for (let at = 0; at < rows.length; at += CHUNK) {
    const chunk = rows.slice(at, at + CHUNK);
    const names: SQL[] = [];
    const values: SQL[] = [];
    const args: SQL[] = [];
    const aliases: string[] = [];
    for (const k of keys) {
      const col = columns[k];
      const type = col.getSQLType();
      const structured = type.endsWith('[]') || type === 'jsonb' || type === 'json';
      const raw = chunk.map((r) => (r[k] === undefined ? null : r[k]));
      const vals = structured ? raw.map((v) => (v === null ? null : JSON.stringify(v))) : raw;
      const first = vals[0];
      const constant = (first === null || typeof first !== 'object') && vals.every((v) => v === first);
      if (constant && first === null && !col.hasDefault) continue;
      names.push(sql`${sql.identifier(col.name)}`);
      let value: SQL;
      if (constant) {
        value = sql`${first}::${sql.raw(structured ? 'text' : type)}`;
      } else {
        const alias = `c${aliases.length}`;
        aliases.push(alias);
        args.push(sql`${sql.param(vals)}::${sql.raw(structured ? 'text' : type)}[]`);
        value = sql.raw(alias);
      }
      if (type.endsWith('[]')) value = sql`case when ${value} is null then null else array(select jsonb_array_elements_text(${value}::jsonb)) end::${sql.raw(type)}`;
      else if (structured) value = sql`${value}::${sql.raw(type)}`;
      values.push(value);
    }
    const from = args.length ? sql` from unnest(${sql.join(args, sql`, `)}) as u(${sql.raw(aliases.join(', '))})` : sql` from generate_series(1, ${chunk.length})`;
    await db.execute(sql`insert into ${tableName} (${sql.join(names, sql`, `)}) select ${sql.join(values, sql`, `)}${from}`);
  }
}
