/**
 * Parse + validate a generated 100 000-row persons CSV (synthetic names), in Windows-1251 and UTF-8.
 * Run: node bin/run-ts.mjs bench/import-parse.bench.ts [ROWS]
 * Prints a markdown table: time per stage and peak RSS (process.resourceUsage().maxRSS).
 */
import iconv from 'iconv-lite';
import { fileRef, readCsv, resolveMapping, validateSheet } from '../src/importers';
import { syntheticPersonsList } from './synthetic-list';

const ROWS = Number(process.argv[2] ?? 100_000);

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const ms = (t: number) => `${t.toFixed(0)} ms`;
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/** One measured run in this process; prints one JSON line. */
function runOne(encoding: 'windows-1251' | 'utf-8') {
  const text = syntheticPersonsList(ROWS, { dates: 'mixed' });
  const bytes = encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'windows-1251');
  const rssBefore = process.resourceUsage().maxRSS;
  const a = performance.now();
  const ca = cpuMs();
  const file = fileRef(`bench-${encoding}.csv`, bytes);
  const { sheet, encoding: found } = readCsv(bytes, { fileName: file.name });
  const b = performance.now();
  const mapping = resolveMapping(sheet.header, { as: 'auto' });
  const result = validateSheet(file, sheet, mapping, { today: '2024-06-01' });
  const c = performance.now();
  const cc = cpuMs();
  if (found.encoding !== encoding) throw new Error(`detected ${found.encoding}, expected ${encoding}`);
  console.log(JSON.stringify({
    encoding, rows: sheet.rows.length, bytes: bytes.length, parseMs: b - a, validateMs: c - b, totalMs: c - a,
    cpuMs: cc - ca, accepted: result.stats.accepted, problems: result.problems.length,
    rssBeforeKb: rssBefore, peakRssKb: process.resourceUsage().maxRSS,
  }));
}

const oneIdx = process.argv.indexOf('--one');
if (oneIdx >= 0) {
  runOne(process.argv[oneIdx + 1] as 'windows-1251' | 'utf-8');
} else {
  const { execFileSync } = await import('node:child_process');
  const lines: string[] = [];
  for (const enc of ['windows-1251', 'utf-8']) {
    // each encoding in its own process, so that peak RSS belongs to that run alone
    const out = execFileSync(process.execPath, ['bin/run-ts.mjs', 'bench/import-parse.bench.ts', String(ROWS), '--one', enc], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').pop()!);
    lines.push(`| ${r.encoding} | ${r.rows.toLocaleString('en')} | ${(r.bytes / 1048576).toFixed(1)} MB | ${ms(r.parseMs)} | ${ms(r.validateMs)} | ${ms(r.totalMs)} | ${ms(r.cpuMs)} | ${Math.round(r.rows / (r.totalMs / 1000)).toLocaleString('en')} | ${r.accepted.toLocaleString('en')} | ${r.problems} | ${mb(r.rssBeforeKb)} | ${mb(r.peakRssKb)} |`);
  }
  console.log(`\nimport-parse: ${ROWS.toLocaleString('en')} generated persons rows (synthetic), node ${process.version}\n`);
  console.log('| encoding | rows | file | decode+CSV | map+validate | total (wall) | total (CPU) | rows/s | accepted | problems | RSS before | peak RSS |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const l of lines) console.log(l);
  console.log('\n"RSS before" is after generating the CSV text and its bytes; "peak RSS" is the process maximum (one process per encoding).');
}
