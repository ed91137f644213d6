/**
 * Benchmark: fit all 113 hierarchical log-linear models of a 4-list table and compute the
 * profile-likelihood interval of every model that can be estimated (target: < 1 s per table).
 * Run: node bin/run-ts.mjs bench/mse.bench.ts
 */
import { readFileSync } from 'node:fs';
import { fitLoglinear, hierarchicalModels, parseCountsCsv, profileInterval } from '../src/stats/index';

const TABLES = ['hiv_rome', 'diabetes_italy'];
const REPEATS = 5;

function once(name: string): { fitMs: number; profileMs: number; fitted: number; flagged: number; unbounded: number } {
  const table = parseCountsCsv(readFileSync(new URL(`../test/fixtures/mse/${name}.csv`, import.meta.url), 'utf8'));
  const models = hierarchicalModels(4);
  const t0 = performance.now();
  const fits = models.map((m) => fitLoglinear(table, m));
  const t1 = performance.now();
  let unbounded = 0;
  for (const fit of fits) {
    if (fit.flagged) continue;
    if (profileInterval(fit).upper === null) unbounded++;
  }
  const t2 = performance.now();
  return { fitMs: t1 - t0, profileMs: t2 - t1, fitted: fits.length, flagged: fits.filter((f) => f.flagged).length, unbounded };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

once(TABLES[0]); // warm-up (JIT)
console.log(`| table | models | flagged (no estimate) | profile intervals | upper limit > 3·N | fit all (ms) | profile all (ms) | total (ms, median of ${REPEATS}) | target |`);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const name of TABLES) {
  const runs = Array.from({ length: REPEATS }, () => once(name));
  const fitMs = median(runs.map((r) => r.fitMs));
  const profileMs = median(runs.map((r) => r.profileMs));
  const total = median(runs.map((r) => r.fitMs + r.profileMs));
  const r = runs[0];
  console.log(
    `| ${name} | ${r.fitted} | ${r.flagged} | ${r.fitted - r.flagged} | ${r.unbounded} | ${fitMs.toFixed(1)} | ${profileMs.toFixed(1)} | ${total.toFixed(1)} | ${total < 1000 ? 'met (< 1 s)' : 'MISSED'} |`,
  );
}
