/**
 * Linkage benchmark: FEBRL 1–3 (dedup) and 4a×4b (link) precision/recall/F1 and time, then
 * synthetic data sets (default 10k, 100k, 1M records): P/R/F1, estimated and true blocking recall,
 * wall and CPU time, peak RSS. Prints a markdown table.
 *
 *   node bin/run-ts.mjs bench/linkage.bench.ts [--sizes 10000,100000] [--seeds 7,42] [--no-febrl] [--csv] [--threshold 0.8]
 *
 * --csv runs the synthetic sets through linkCsv (CSV text in, clusters CSV out) to time the
 * whole CLI path including parsing. --threshold sets the match threshold of the synthetic runs (default: the engine's, 0.8).
 * --seeds runs each synthetic size once per generator seed (default 7).
 */
import { readFileSync } from 'node:fs';
import { FEBRL_BLOCKING, FEBRL_COMPARISONS, generateSynthetic, linkCsv, linkRecords, pairwiseMetrics, parseFebrl, type LinkResult, type SyntheticRecord } from '../src/linkage';

const args = process.argv.slice(2);
const opt = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const sizes = (opt('--sizes') ?? '10000,100000,1000000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
const withFebrl = !args.includes('--no-febrl');
const viaCsv = args.includes('--csv');
const threshold = opt('--threshold') === undefined ? undefined : Number(opt('--threshold'));
const seeds = (opt('--seeds') ?? opt('--seed') ?? '7').split(',').map((s) => Number(s.trim())).filter((s) => Number.isInteger(s));

let peakRss = 0;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 100);
sampler.unref();

interface Row { name: string; records: number; p: number; r: number; f1: number; pairs: number; recallEst?: number; recallTrue?: number; wallS: number; cpuS: number; rssMb: number }
const rows: Row[] = [];

function measure<T>(fn: () => T): { value: T; wallS: number; cpuS: number; rssMb: number } {
  global.gc?.();
  peakRss = process.memoryUsage().rss;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wallS = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  return { value, wallS, cpuS: (c.user + c.system) / 1e6, rssMb: peakRss / 1e6 };
}

/** True blocking recall: share of true pairs (same entity) that are candidate pairs. */
function trueBlockingRecall(r: LinkResult, entity: readonly string[]): number {
  const byEnt = new Map<string, number[]>();
  entity.forEach((e, i) => (byEnt.get(e) ?? byEnt.set(e, []).get(e)!).push(i));
  // The true pairs go in the set (a Set holds at most 2^24 entries: fewer true pairs than candidates).
  const truth = new Set<number>();
  const n = entity.length;
  for (const m of byEnt.values()) for (let x = 0; x < m.length; x++) for (let y = x + 1; y < m.length; y++) truth.add(Math.min(m[x], m[y]) * n + Math.max(m[x], m[y]));
  let hit = 0;
  for (let k = 0; k < r.pairs.count; k++) if (truth.has(r.pairs.a[k] * n + r.pairs.b[k])) hit++;
  return truth.size === 0 ? 1 : hit / truth.size;
}

if (withFebrl) {
  const dir = new URL('../test/fixtures/febrl/', import.meta.url);
  const load = (f: string, s?: string) => parseFebrl(readFileSync(new URL(`${f}.csv`, dir), 'utf8'), s);
  for (const name of ['dataset1', 'dataset2', 'dataset3']) {
    const recs = load(name);
    const m = measure(() => linkRecords(recs, { comparisons: FEBRL_COMPARISONS, blockingRules: FEBRL_BLOCKING }));
    const q = pairwiseMetrics(m.value.clusterOf, recs.map((x) => x.entity));
    rows.push({ name: `FEBRL ${name} (dedup)`, records: recs.length, p: q.precision, r: q.recall, f1: q.f1, pairs: m.value.pairs.count, recallEst: m.value.report.blockingRecall?.recall, recallTrue: trueBlockingRecall(m.value, recs.map((x) => x.entity)), wallS: m.wallS, cpuS: m.cpuS, rssMb: m.rssMb });
  }
  const recs = [...load('dataset4a', '4a'), ...load('dataset4b', '4b')];
  const m = measure(() => linkRecords(recs, { comparisons: FEBRL_COMPARISONS, blockingRules: FEBRL_BLOCKING, mode: 'link', maxPerSource: 1 }));
  const q = pairwiseMetrics(m.value.clusterOf, recs.map((x) => x.entity));
  rows.push({ name: 'FEBRL 4a×4b (link)', records: recs.length, p: q.precision, r: q.recall, f1: q.f1, pairs: m.value.pairs.count, recallEst: m.value.report.blockingRecall?.recall, recallTrue: trueBlockingRecall(m.value, recs.map((x) => x.entity)), wallS: m.wallS, cpuS: m.cpuS, rssMb: m.rssMb });
  printTable();
}

const COLS = ['record_id', 'source', 'family_name', 'given_name', 'patronymic', 'full_name', 'birth_date', 'sex', 'unit', 'rank', 'service_number', 'birth_place'] as const;
function toCsv(recs: readonly SyntheticRecord[]): string {
  const q = (s: string | undefined) => (s === undefined ? '' : /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [COLS.join(',')];
  for (const r of recs) lines.push([r.id, r.source, r.familyName, r.givenName, r.patronymic, r.fullName, r.birthDate, r.sex, r.unit, r.rank, r.serviceNumber, r.birthPlace].map(q).join(','));
  return lines.join('\n') + '\n';
}

for (const n of sizes) for (const seed of seeds) {
  const t0 = performance.now();
  const recs = generateSynthetic({ records: n, seed });
  const genS = (performance.now() - t0) / 1000;
  const entity = recs.map((x) => x.entity);
  let result: LinkResult;
  let m: ReturnType<typeof measure<unknown>>;
  if (viaCsv) {
    const text = toCsv(recs);
    const start = process.cpuUsage(); const w0 = performance.now(); peakRss = process.memoryUsage().rss;
    const res = await linkCsv(text, threshold === undefined ? {} : { threshold });
    const c = process.cpuUsage(start);
    result = res.result;
    m = { value: res, wallS: (performance.now() - w0) / 1000, cpuS: (c.user + c.system) / 1e6, rssMb: Math.max(peakRss, process.memoryUsage().rss) / 1e6 };
  } else {
    m = measure(() => linkRecords(recs, threshold === undefined ? {} : { threshold }));
    result = m.value as LinkResult;
  }
  const q = pairwiseMetrics(result.clusterOf, entity);
  rows.push({ name: `synthetic ${n.toLocaleString('en')}${seeds.length > 1 || seed !== 7 ? ` seed ${seed}` : ''}${viaCsv ? ' (CSV)' : ''}${threshold === undefined ? '' : ` (threshold ${threshold})`}`, records: n, p: q.precision, r: q.recall, f1: q.f1, pairs: result.pairs.count, recallEst: result.report.blockingRecall?.recall, recallTrue: trueBlockingRecall(result, entity), wallS: m.wallS, cpuS: m.cpuS, rssMb: m.rssMb });
  console.log(`synthetic ${n} seed ${seed}: generated in ${genS.toFixed(1)} s; phases (ms) ${JSON.stringify(result.report.timingsMs)}`);
  printTable();
}

function printTable() {
  const f = (x: number | undefined, d = 4) => (x === undefined ? '–' : x.toFixed(d));
  console.log('\n| data set | records | precision | recall | F1 | candidate pairs | blocking recall (est.) | blocking recall (true) | wall s | CPU s | peak RSS MB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.name} | ${r.records.toLocaleString('en')} | ${f(r.p)} | ${f(r.r)} | ${f(r.f1)} | ${r.pairs.toLocaleString('en')} | ${f(r.recallEst)} | ${f(r.recallTrue)} | ${r.wallS.toFixed(1)} | ${r.cpuS.toFixed(1)} | ${r.rssMb.toFixed(0)} |`);
  console.log('');
}
