// Evidence vault benchmark. Run: node bin/run-ts.mjs bench/evidence.bench.ts [--hash-gb 1] [--leaves 1000000] [--big-gb 4] [--skip-big]
// 1. SHA-256 throughput of the streaming hasher vs `sha256sum` on the same file (target ≥ 0.9×).
// 2. Appending 1M leaves to the DB log in batches, with a signed checkpoint per batch (target < 20 s), PGlite and PostgreSQL (DATABASE_URL).
// 3. Inclusion-proof latency from the DB at 1M leaves (target < 1 ms).
// 4. Peak RSS while adding a 4 GB file through intake (target < 200 MB), measured in a child process.
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inTransaction } from '../src/db';
import { encodeLeaf, hashStream } from '../src/evidence';
import { evidenceOf, openWorkspace } from '../src/workspace';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const HASH_GB = arg('hash-gb', 1);
const LEAVES = arg('leaves', 1_000_000);
const BIG_GB = arg('big-gb', 4);
const BATCH = arg('batch', 100_000);
const rows: [string, string][] = [];
const secs = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e9;

async function writeRandomFile(path: string, bytes: number): Promise<void> {
  const chunk = randomBytes(8 << 20);
  const out = createWriteStream(path);
  for (let done = 0; done < bytes; done += chunk.length) {
    if (!out.write(done + chunk.length <= bytes ? chunk : chunk.subarray(0, bytes - done))) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r, j) => out.end((e: unknown) => (e ? j(e) : r())));
}

const dir = await mkdtemp(join(tmpdir(), 'vigil-bench-'));
try {
  // 1. hashing throughput
  const file = join(dir, 'hash.bin');
  const size = Math.round(HASH_GB * 2 ** 30);
  await writeRandomFile(file, size);
  execFileSync('sha256sum', [file]); // warm the page cache
  let t = process.hrtime.bigint();
  const ours = await hashStream(createReadStream(file, { highWaterMark: 1 << 20 }));
  const oursS = secs(t);
  t = process.hrtime.bigint();
  const theirs = execFileSync('sha256sum', [file]).toString().split(' ')[0];
  const theirsS = secs(t);
  if (ours.sha256 !== theirs) throw new Error('hash mismatch with sha256sum');
  rows.push([`SHA-256 of ${HASH_GB} GiB (streaming, 1 MiB chunks)`, `${(size / 2 ** 20 / oursS).toFixed(0)} MiB/s vs sha256sum ${(size / 2 ** 20 / theirsS).toFixed(0)} MiB/s = ${(theirsS / oursS).toFixed(2)}× (target ≥ 0.9×)`]);
  await rm(file);

  // 2 + 3. DB log on each backend
  const leaf = (i: number) => encodeLeaf({ v: 1, kind: 'custody.verified', at: '2024-05-01T12:00:00.000Z', actor: 'u-bench', evidence: i.toString(16).padStart(64, '0') });
  for (const kind of ['pglite', ...(process.env.DATABASE_URL ? ['postgres'] : [])] as const) {
    let url: string | null = null;
    let drop: (() => Promise<void>) | undefined;
    if (kind === 'postgres') {
      const { freshPostgresUrl } = await import('../test/helpers/db');
      ({ url, drop } = await freshPostgresUrl());
    }
    const ws = await openWorkspace(join(dir, `ws-${kind}`), { create: 'real', databaseUrl: url });
    try {
      const log = evidenceOf(ws).log;
      await log.verifierKey();
      t = process.hrtime.bigint();
      const batches: Uint8Array[][] = [];
      for (let n = 0; n < LEAVES; n += BATCH) batches.push(Array.from({ length: Math.min(BATCH, LEAVES - n) }, (_, k) => leaf(n + k)));
      if (kind === 'pglite') rows.push([`encode ${LEAVES.toLocaleString('en')} leaves (zod-validated canonical JSON, not in the append time)`, `${secs(t).toFixed(1)} s`]);
      t = process.hrtime.bigint();
      for (const leaves of batches) await inTransaction(ws.database.db, (tx) => log.append(tx, leaves));
      batches.length = 0;
      const appendS = secs(t);
      rows.push([`${kind}: append ${LEAVES.toLocaleString('en')} leaves (batches of ${BATCH.toLocaleString('en')}, one signed checkpoint each)`, `${appendS.toFixed(1)} s, ${Math.round(LEAVES / appendS).toLocaleString('en')} leaves/s (target < 20 s)`]);
      const samples: number[] = [];
      for (let k = 0; k < 2000; k++) {
        const i = Math.floor(Math.random() * LEAVES);
        const a = process.hrtime.bigint();
        await log.inclusionProof(i, LEAVES);
        if (k >= 200) samples.push(Number(process.hrtime.bigint() - a) / 1e6);
      }
      samples.sort((x, y) => x - y);
      rows.push([`${kind}: inclusion proof from the DB at ${LEAVES.toLocaleString('en')} leaves`, `median ${samples[samples.length >> 1].toFixed(3)} ms, p99 ${samples[Math.floor(samples.length * 0.99)].toFixed(3)} ms (target < 1 ms)`]);
    } finally {
      await ws.close();
      await drop?.();
      await rm(join(dir, `ws-${kind}`), { recursive: true, force: true });
    }
  }

  // 4. peak RSS while adding a big file through intake, in a child process (pglite workspace)
  if (!process.argv.includes('--skip-big')) {
    const big = join(dir, 'big.bin');
    await writeRandomFile(big, Math.round(BIG_GB * 2 ** 30));
    const ws = join(dir, 'ws-big');
    const child = spawn(process.execPath, ['bin/vigil.mjs', 'init', ws], { stdio: 'ignore', env: { ...process.env, DATABASE_URL: '' } });
    await new Promise((r) => child.on('exit', r));
    t = process.hrtime.bigint();
    const add = spawn('/usr/bin/time', ['-f', '%M', process.execPath, 'bin/vigil.mjs', 'evidence', 'add', big, '--data', ws, '--json'], { env: { ...process.env, DATABASE_URL: '' } });
    let err = '';
    let out = '';
    add.stderr.on('data', (c) => { err += String(c); });
    add.stdout.on('data', (c) => { out += String(c); });
    const code = await new Promise((r) => add.on('exit', r));
    const addS = secs(t);
    const maxKb = Number(err.trim().split('\n').pop());
    if (code !== 0) throw new Error(`evidence add failed: ${err}`);
    const r = JSON.parse(out)[0];
    rows.push([`vigil evidence add of a ${BIG_GB} GiB file (PGlite workspace, filesystem blobs)`, `peak RSS ${(maxKb / 1024).toFixed(0)} MiB (target < 200 MB), ${addS.toFixed(1)} s, ${(r.size / 2 ** 20 / addS).toFixed(0)} MiB/s including fsync`]);
    await rm(big);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
const w = Math.max(...rows.map((r) => r[0].length));
console.log(rows.map(([a, b]) => `${a.padEnd(w)}  ${b}`).join('\n'));
