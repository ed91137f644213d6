import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const VIGIL = fileURLToPath(new URL('../../bin/vigil.mjs', import.meta.url));

export interface RunResult { code: number | null; stdout: string; stderr: string }

/** Runs the `vigil` CLI as a user would, with no terminal and stdin closed. */
export function runVigil(args: string[], env: Record<string, string | undefined> = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VIGIL, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Starts `vigil serve` and resolves once /api/health answers. */
export async function startServer(args: string[], env: Record<string, string | undefined> = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [VIGIL, 'serve', '--port', String(port), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000; // a new demo workspace is seeded and linked first
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${log}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) { child.kill(); throw new Error(`server did not start: ${log}`); }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base, port, log: () => log,
    stop: () => new Promise<void>((resolve) => { child.once('close', () => resolve()); child.kill('SIGTERM'); }),
  };
}
