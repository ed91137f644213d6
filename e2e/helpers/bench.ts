/** Bundle sizes of web/dist and the "Web app" section of docs/BENCHMARKS.md (only that section is rewritten). */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './server';

export interface BundleSizes { development: boolean; initialJs: number; initialJsGzip: number; css: number; cssGzip: number; allJs: number; allJsGzip: number; chunks: number; basemap: number }

export function bundleSizes(): BundleSizes {
  const dist = join(ROOT, 'web', 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const css = [...html.matchAll(/href="\/(assets\/[^"]+\.css)"/g)].map((m) => m[1]);
  const size = (files: string[], gz = false) => files.reduce((s, f) => { const b = readFileSync(join(dist, f)); return s + (gz ? gzipSync(b, { level: 9 }).length : b.length); }, 0);
  const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const basemap = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.json')).reduce((s, f) => s + statSync(join(dist, 'assets', f)).size, 0);
  const development = all.some((f) => f.includes('jsx-dev-runtime'));
  return { development, initialJs: size(initial), initialJsGzip: size(initial, true), css: size(css), cssGzip: size(css, true), allJs: size(all), allJsGzip: size(all, true), chunks: all.length, basemap };
}

const HEADING = '## Web app';

/**
 * Replaces (or appends) the "## Web app" section; every other section of the file is kept as it is.
 * Tests write to e2e/artifacts/BENCHMARKS.md; docs/BENCHMARKS.md only when VIGIL_BENCH_WRITE=1
 * (`npm run bench -- web`), so an ordinary test run never edits a tracked file.
 */
export function writeBenchmarkSection(body: string): string {
  const toDocs = process.env.VIGIL_BENCH_WRITE === '1';
  const path = toDocs ? join(ROOT, 'docs', 'BENCHMARKS.md') : join(ROOT, 'e2e', 'artifacts', 'BENCHMARKS.md');
  mkdirSync(dirname(path), { recursive: true });
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const section = `${HEADING}\n\n${body.trim()}\n`;
  const start = current.indexOf(`\n${HEADING}\n`);
  let next: string;
  if (start < 0) next = `${current.replace(/\s*$/, '')}\n\n${section}`;
  else {
    const after = current.indexOf('\n## ', start + HEADING.length + 1);
    next = current.slice(0, start + 1) + section + (after < 0 ? '' : `\n${current.slice(after + 1)}`);
  }
  writeFileSync(path, next);
  return path;
}

export const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
