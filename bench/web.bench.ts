/**
 * Web app benchmark: first load of the overview on a cold browser cache (three runs) and the bundle
 * sizes, measured by the browser journey (e2e/journey.test.ts, Debian chromium) against a fresh demo
 * server, and written into the "## Web app" section of docs/BENCHMARKS.md.
 *
 *   node bin/run-ts.mjs bench/web.bench.ts      (or: npm run bench -- web)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const r = spawnSync('npx', ['vitest', 'run', 'e2e/journey.test.ts'], { cwd: root, stdio: 'inherit', env: { ...process.env, VIGIL_BENCH_WRITE: '1' } });
if (r.status !== 0) {
  console.error('the browser journey failed; docs/BENCHMARKS.md may not be updated');
  process.exitCode = 1;
} else console.log('docs/BENCHMARKS.md: "## Web app" section rewritten');
