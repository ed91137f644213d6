/** Starts Vigil on a fresh demo workspace for browser tests; builds the web app first when web/dist is stale. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const WEB = join(ROOT, 'web');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = 0;
  for (const e of readdirSync(path)) m = Math.max(m, newestMtime(join(path, e)));
  return m;
}

/** Runs `npx vite build` when web/dist is missing or older than the sources. */
export function ensureWebBuilt(): { built: boolean; ms: number } {
  const out = join(WEB, 'dist', 'index.html');
  const sources = Math.max(newestMtime(join(WEB, 'src')), newestMtime(join(WEB, 'public')), newestMtime(join(WEB, 'index.html')), newestMtime(join(ROOT, 'vite.config.ts')));
  if (existsSync(out) && statSync(out).mtimeMs >= sources) return { built: false, ms: 0 };
  const t0 = Date.now();
  // NODE_ENV=test (set by vitest) would give React's development build.
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000, env: { ...process.env, NODE_ENV: 'production' } });
  return { built: true, ms: Date.now() - t0 };
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

function withoutDatabaseUrl(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.VIGIL_DATA;
  return env;
}

export interface RunningServer { url: string; dir: string; stop: () => Promise<void>; log: () => string }

/**
 * A fresh demo workspace served by `node bin/vigil.mjs serve` on a free port. With VIGIL_E2E_URL set,
 * the tests use that running server instead (its data must be a demo workspace).
 */
export async function startServer(timeoutMs = 180_000): Promise<RunningServer> {
  const given = process.env.VIGIL_E2E_URL;
  if (given) return { url: given.replace(/\/$/, ''), dir: '', stop: async () => {}, log: () => '' };
  const dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['bin/vigil.mjs', 'serve', '--data', join(dir, 'ws'), '--port', String(port)], {
    // Browser tests serve the embedded database: each server gets its own PGlite folder, while a shared
    // DATABASE_URL would bind one PostgreSQL database to several demo workspaces (which Vigil refuses).
    cwd: ROOT, env: { ...withoutDatabaseUrl(), NODE_ENV: 'test' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => { output += d; });
  child.stderr!.on('data', (d) => { output += d; });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const deadline = Date.now() + timeoutMs;
  let up = false;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) { up = true; break; }
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  if (!up) {
    await stop();
    throw new Error(`vigil serve did not answer /api/health within ${timeoutMs} ms:\n${output.slice(-3000)}`);
  }
  return { url, dir, stop, log: () => output };
}
