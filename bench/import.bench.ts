/**
 * Import of a generated 100 000-row persons CSV (Windows-1251, synthetic names) into a fresh PGlite
 * workspace on disk: first import, the same file again (unchanged), and a changed file (1% of rows
 * edited, 1% added) that adds only new rows and new versions.
 * Run: node bin/run-ts.mjs bench/import.bench.ts [ROWS]
 * Prints a markdown table: wall time, CPU time, rows/s, and RSS once the workspace is open and at the
 * peak of the import (sampled every 50 ms), for each step (each in its own process).
 */
import iconv from 'iconv-lite';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SYSTEM } from '../src/domain';
import { ImportService } from '../src/importers';
import { evidenceOf, openWorkspace, workspaceStatus } from '../src/workspace';
import { syntheticPersonsList } from './synthetic-list';

const ROWS = Number(process.argv[2] ?? 100_000);

/** The persons list of this benchmark, Windows-1251. */
const generateCsv = (rows: number, variant: 'first' | 'changed') => iconv.encode(syntheticPersonsList(rows, { variant }), 'windows-1251');

const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/** One step in this process: prints one JSON line. */
async function step(dir: string, file: string, label: string) {
  const ws = await openWorkspace(join(dir, 'ws'), { create: 'real', databaseUrl: null });
  try {
    const service = new ImportService({ db: ws.database.db, kind: ws.database.kind, registry: ws.registry, vault: () => evidenceOf(ws) });
    const rssOpen = process.memoryUsage().rss;
    let rssPeak = rssOpen;
    const sampler = setInterval(() => { rssPeak = Math.max(rssPeak, process.memoryUsage().rss); }, 50);
    const a = performance.now();
    const ca = cpuMs();
    const r = await service.run(SYSTEM, [{ path: file }], { today: '2024-06-01', onProgress: () => { rssPeak = Math.max(rssPeak, process.memoryUsage().rss); } });
    const wall = performance.now() - a;
    const cpu = cpuMs() - ca;
    clearInterval(sampler);
    const st = await workspaceStatus(ws);
    const f = r.files[0];
    console.log(JSON.stringify({
      label, rows: f.rows, wall, cpu, created: f.created, versions: f.versions, unchanged: f.unchanged, rejected: f.rejected, written: r.written,
      records: st.counts.person_records, current: st.counts.current_person_records, rssOpenMb: rssOpen / 2 ** 20, rssPeakMb: rssPeak / 2 ** 20,
    }));
  } finally {
    await ws.close();
  }
}

const main = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
const oneIdx = process.argv.indexOf('--step');
if (!main) {
  // imported (tests): the generator only
} else if (oneIdx >= 0) {
  await step(process.argv[oneIdx + 1], process.argv[oneIdx + 2], process.argv[oneIdx + 3]);
} else {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-import-bench-'));
  try {
    const first = join(dir, 'list.csv');
    const changedDir = join(dir, 'changed');
    await writeFile(first, generateCsv(ROWS, 'first'));
    const { mkdir } = await import('node:fs/promises');
    await mkdir(changedDir);
    const changed = join(changedDir, 'list.csv'); // same name: joins the same source
    await writeFile(changed, generateCsv(ROWS, 'changed'));
    const steps: [string, string][] = [[first, 'first import'], [first, 'same file again'], [changed, 'changed file (1% edited, 1% added)']];
    const out: string[] = [];
    for (const [file, label] of steps) {
      const res = execFileSync(process.execPath, ['bin/run-ts.mjs', 'bench/import.bench.ts', String(ROWS), '--step', dir, file, label], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      const r = JSON.parse(res.trim().split('\n').pop()!);
      out.push(`| ${r.label} | ${r.rows.toLocaleString('en')} | ${(r.wall / 1000).toFixed(1)} s | ${(r.cpu / 1000).toFixed(1)} s | ${Math.round(r.rows / (r.wall / 1000)).toLocaleString('en')} | ${r.created.toLocaleString('en')} new, ${r.versions.toLocaleString('en')} versions, ${r.unchanged.toLocaleString('en')} unchanged | ${r.records.toLocaleString('en')} (${r.current.toLocaleString('en')} current) | ${r.rssOpenMb.toFixed(0)} → ${r.rssPeakMb.toFixed(0)} MB |`);
    }
    console.log(`\nimport: ${ROWS.toLocaleString('en')} generated persons rows (synthetic, Windows-1251 CSV), PGlite on disk, node ${process.version}\n`);
    console.log('| step | rows | wall | CPU | rows/s | result | person records after | RSS: workspace open → peak of the import |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const l of out) console.log(l);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
