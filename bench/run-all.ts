/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (each in its own process, so memory figures are
 * its own) and prints their tables. Pass names to run some: `npm run bench -- search mse`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !wanted.length || wanted.some((w) => f.startsWith(w)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n## ${f}  (node bin/run-ts.mjs bench/${f})\n`);
  const r = spawnSync(process.execPath, [fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url)), `bench/${f}`], { stdio: 'inherit' });
  if (r.status !== 0) { failed++; console.error(`bench/${f} exited ${r.status}`); }
}
process.exitCode = failed ? 1 : 0;
