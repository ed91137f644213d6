/**
 * Person search on 1M records: `node bin/run-ts.mjs bench/search.bench.ts [--records 1000000] [--postgres URL]`
 * Fills a fresh database (PGlite in memory, or a PostgreSQL database) with synthetic person records in
 * Cyrillic and Latin spellings, then times PersonService.list({q}) — the code path of GET /api/v1/persons?q=.
 * `--postgres URL --reuse` searches a database filled by an earlier run.
 */
import { sql } from 'drizzle-orm';
import { performance } from 'node:perf_hooks';
import { openDatabase, queryRows, type Db } from '../src/db';
import { SYSTEM } from '../src/domain';
import { demoIndividuals, latin, rng } from '../src/demo';
import { createRegistry, searchColumns } from '../src/registry';

const arg = (name: string, dflt?: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
const N = Number(arg('records', '1000000'));
const url = arg('postgres');

async function fill(db: Db, n: number) {
  const [{ id: sourceId }] = await queryRows<{ id: string }>(db, sql`insert into sources (kind, title, created_by) values ('list', 'Synthetic benchmark list', 'bench') returning id`);
  const r = rng(7);
  const batch = 10_000;
  for (let at = 0; at < n; at += batch) {
    const people = demoIndividuals(r, Math.min(batch, n - at));
    const rows = people.map((p) => {
      const style = r.int(0, 2);
      const f = style === 0 ? p.familyUk : style === 1 ? p.familyRu : latin(p.familyUk, 'uk', 'ua-national');
      const g = style === 0 ? p.givenUk : style === 1 ? p.givenRu : latin(p.givenUk, 'uk', 'ua-national');
      const pt = style === 2 ? null : style === 0 ? p.patronymicUk : p.patronymicRu;
      const cols = searchColumns([f, g, pt ?? '']);
      return { f, g, pt, k: cols.nameKey, t: cols.nameText, b: p.birth };
    });
    // One JSON parameter per batch (a parameter per value would exceed PostgreSQL's limits).
    await db.execute(sql`with x as (
        select row_number() over () as rn, * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(f text, g text, pt text, k text, t text, b text)),
      p as (insert into persons (display_name, record_count, name_tokens, name_key, name_text)
        select f || ' ' || g, 1, string_to_array(k, ' '), k, t from x order by rn returning id),
      numbered as (select id, row_number() over () as rn from p)
      insert into person_records (source_id, family_name, given_name, patronymic, name_key, name_text, birth, birth_earliest, birth_latest, person_id, created_by)
      select ${sourceId}, x.f, x.g, x.pt, x.k, x.t, x.b, x.b::date, x.b::date, numbered.id, 'bench'
      from x join numbered on numbered.rn = x.rn`);
    if ((at / batch) % 10 === 0) process.stderr.write(`\r${at + batch} records`);
  }
  process.stderr.write('\n');
  await db.execute(sql`analyze`);
}

const QUERIES = ['Kovalenkko Oleksandr', 'Kovalenko Oleksandr', 'Коваленко Олександр Петрович', 'Александр Коваленко', 'Shevchenko', 'Бондаренко Сергій', 'Tkachenko Yurii', 'Melnyk Andrii Ivanovych', 'Ковальчук'];

const database = await openDatabase(url ? { url } : {});
const t0 = performance.now();
// --reuse: a PostgreSQL database filled by an earlier run is searched again without refilling.
const [{ n: existing }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from person_records`);
if (!(process.argv.includes('--reuse') && existing >= N)) await fill(database.db, N);
const fillSec = (performance.now() - t0) / 1000;
const reg = createRegistry(database.db);
const times: number[] = [];
const totals: Record<string, number> = {};
for (let round = 0; round < 5; round++) {
  for (const q of QUERIES) {
    const s = performance.now();
    const res = await reg.persons.list(SYSTEM, { q, limit: 20 });
    times.push(performance.now() - s);
    totals[q] = res.total;
  }
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
console.log(`\n| database | records | fill (s) | queries | median ms | p95 ms | max ms |`);
console.log(`|---|---|---|---|---|---|---|`);
console.log(`| ${await database.describe()} | ${N} | ${fillSec.toFixed(0)} | ${times.length} | ${pct(0.5)} | ${pct(0.95)} | ${times[times.length - 1].toFixed(1)} |`);
console.log('\nmatches per query (total):', JSON.stringify(totals));
await database.close();
