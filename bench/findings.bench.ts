/**
 * Statistics over the workspace, findings and reports on a demo workspace (synthetic data):
 * MSE with sources as lists, a stratified rate, recomputing every demo finding, and generating the
 * briefing and a facility report in each format. `node bin/run-ts.mjs bench/findings.bench.ts [individuals]`
 * (PGlite unless DATABASE_URL is set; with DATABASE_URL a fresh database is made and dropped).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { StatisticsService } from '../src/analysis';
import { seedDemo } from '../src/demo';
import { SYSTEM } from '../src/domain';
import { FindingService, ReportService } from '../src/findings';
import { openWorkspace } from '../src/workspace';

const individuals = Number(process.argv[2] ?? 1600);
const dir = await mkdtemp(join(tmpdir(), 'vigil-bench-findings-'));
let url: string | null = null;
let drop = async () => {};
if (process.env.DATABASE_URL) {
  const name = `vigil_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(process.env.DATABASE_URL);
  u.pathname = `/${name}`;
  url = u.toString();
  drop = async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
}
const ws = await openWorkspace(join(dir, 'ws'), { create: 'demo', databaseUrl: url });
const rows: [string, string][] = [];
async function time<T>(label: string, fn: () => Promise<T>, runs = 3): Promise<T> {
  const ms: number[] = [];
  let out!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    out = await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  rows.push([label, `${ms[Math.floor(ms.length / 2)].toFixed(0)} ms${runs > 1 ? ` (median of ${runs})` : ''}`]);
  return out;
}
try {
  const counts = await time('seed demo workspace (incl. 7 findings)', () => seedDemo(ws, { individuals }), 1);
  const stats = new StatisticsService(ws.database.db);
  const findings = new FindingService(ws.database.db);
  const reports = new ReportService(ws.database.db, ws.registry);
  const lists = ['Missing servicemen list (synthetic)', 'Captions of captivity videos (synthetic)', 'Registry of captured servicemen (synthetic)'];
  await time('MSE, 3 sources as lists (best BIC, profile)', () => stats.mseLists(SYSTEM, { lists }));
  await time('MSE, 3 lists, stratified by region', () => stats.mseLists(SYSTEM, { lists, stratify: 'region' }));
  await time('rate stratified by first place of detention', () => stats.rates(SYSTEM, {
    denominator: { persons: { statuses: ['released'] }, sources: { kinds: ['testimony'] } }, numerator: { allegations: { categories: ['torture'] } }, stratify: 'facility',
  }));
  const all = (await findings.list(SYSTEM, {})).items;
  await time(`recompute all ${all.length} demo findings`, async () => { for (const f of all) await findings.compute(SYSTEM, f.id); });
  for (const format of ['html', 'md', 'pdf'] as const) await time(`briefing, ${format}`, () => reports.briefing(SYSTEM, { format }), format === 'pdf' ? 2 : 3);
  const fac = (await ws.registry.facilities.list(SYSTEM, { sort: 'allegations', limit: 1 })).items[0];
  for (const format of ['html', 'pdf'] as const) await time(`facility report, ${format}`, () => reports.facility(SYSTEM, fac.id, { format }), format === 'pdf' ? 2 : 3);
  console.log(`Demo workspace: ${counts.records} person records, ${counts.allegations} allegations, ${ws.database.kind}.\n`);
  console.log('| measurement | result |\n|---|---|');
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
} finally {
  await ws.close();
  await drop();
  await rm(dir, { recursive: true, force: true });
}
