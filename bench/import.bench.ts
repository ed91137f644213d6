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

const ROWS = Number(process.argv[2] ?? 100_000);

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Rows of a synthetic persons list; `edit` changes the status of every 100th row, `extra` appends rows. */
export function generateCsv(rows: number, variant: 'first' | 'changed' = 'first'): Buffer {
  const rnd = lcg(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const family = ['Тестенко', 'Вигаданюк', 'Прикладна', 'Зразков', 'Умовний', 'Нульовий', 'Несправжній', 'Придуманко'];
  const given = ['Іван', 'Олег', 'Марія', 'Петро', 'Тарас', 'Євген', 'Ганна', 'Ґанна'];
  const patr = ['Петрович', 'Іванович', 'Олегівна', 'Степанович', 'Тарасович', ''];
  const status = ['в полоні', 'зник безвісти', 'звільнений', 'помер у полоні', 'невідомо'];
  const sex = ['ч', 'чол.', 'ж', 'M', ''];
  const lines = ['№;Прізвище;Ім\'я;По батькові;Дата народження;Стать;Громадянство;В/ч;Звання;Особистий номер;Статус;Дата статусу;Примітка'];
  const total = variant === 'changed' ? rows + Math.floor(rows / 100) : rows;
  for (let i = 1; i <= total; i++) {
    const birth = `${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}.${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}.${1960 + Math.floor(rnd() * 45)}`;
    let st = pick(status);
    if (variant === 'changed' && i % 100 === 0 && i <= rows) st = 'звільнений';
    const note = i % 1000 === 0 ? '"Рядок з ""лапками""; і крапкою з комою"' : '';
    lines.push([i, pick(family), pick(given), pick(patr), birth, pick(sex), 'Україна', `А${String(i % 9999).padStart(4, '0')}`, 'солдат', `ТЕ-${String(i).padStart(6, '0')}`, st, '03.2022', note].join(';'));
  }
  return iconv.encode(lines.join('\r\n') + '\r\n', 'windows-1251');
}

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
