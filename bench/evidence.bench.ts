// Evidence vault benchmark. Run: node bin/run-ts.mjs bench/evidence.bench.ts [--hash-gb 1] [--leaves 1000000] [--batch 100000] [--big-gb 4] [--skip-big] [--skip-hash]
// 1. SHA-256 throughput of the streaming hasher vs `sha256sum` on the same file (target ≥ 0.9×).
// 2. Appending 1M leaves to the DB log with appendMany in batches, one signed checkpoint per batch (target < 20 s),
//    PGlite and PostgreSQL (DATABASE_URL); wall time and this process's CPU time; the final root checked against MemoryHashStore.
// 3. Inclusion-proof latency from the DB at 1M leaves (target < 1 ms): first proof of the process, cache warm-up,
//    then warm samples; and the same with the stored-hash cache switched off.
// 4. Memory of adding a 4 GiB file through intake (target < 200 MB), in child processes: the part attributable to
//    streaming (peak during the add minus the same process idle and ready) and the absolute peak, plus the
//    `vigil evidence add` CLI's peak RSS for the 4 GiB file and for a 5-byte file (PGlite; PostgreSQL too with DATABASE_URL).
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inTransaction } from '../src/db';
import { encodeLeaf, EvidenceLog, hashStream, MemoryHashStore, toHex } from '../src/evidence';
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
  let t = process.hrtime.bigint();
  // 1. hashing throughput
  if (!process.argv.includes('--skip-hash')) {
    const file = join(dir, 'hash.bin');
    const size = Math.round(HASH_GB * 2 ** 30);
    await writeRandomFile(file, size);
    execFileSync('sha256sum', [file]); // warm the page cache
    t = process.hrtime.bigint();
    const ours = await hashStream(createReadStream(file, { highWaterMark: 1 << 20 }));
    const oursS = secs(t);
    t = process.hrtime.bigint();
    const theirs = execFileSync('sha256sum', [file]).toString().split(' ')[0];
    const theirsS = secs(t);
    if (ours.sha256 !== theirs) throw new Error('hash mismatch with sha256sum');
    rows.push([`SHA-256 of ${HASH_GB} GiB (streaming, 1 MiB chunks)`, `${(size / 2 ** 20 / oursS).toFixed(0)} MiB/s vs sha256sum ${(size / 2 ** 20 / theirsS).toFixed(0)} MiB/s = ${(theirsS / oursS).toFixed(2)}× (target ≥ 0.9×)`]);
    await rm(file);
  }

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
      const reference = new MemoryHashStore(); // the expected tree, built before the clock starts
      for (const leaves of batches) for (const l of leaves) reference.append(l);
      t = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      for (const leaves of batches) await inTransaction(ws.database.db, (tx) => log.appendMany(tx, leaves));
      const appendS = secs(t);
      const c = process.cpuUsage(cpu);
      batches.length = 0;
      const head = await log.latest();
      if (head?.size !== LEAVES || toHex(head.root) !== toHex(reference.root())) throw new Error(`${kind}: the log's root differs from MemoryHashStore's`);
      rows.push([`${kind}: append ${LEAVES.toLocaleString('en')} leaves (appendMany, batches of ${BATCH.toLocaleString('en')}, one signed checkpoint each; root checked)`, `${appendS.toFixed(1)} s wall, ${Math.round(LEAVES / appendS).toLocaleString('en')} leaves/s; this process's CPU ${((c.user + c.system) / 1e6).toFixed(1)} s (target < 20 s)`]);

      const sample = async (l: EvidenceLog, count: number, skip: number): Promise<number[]> => {
        const xs: number[] = [];
        for (let k = 0; k < count + skip; k++) {
          const i = Math.floor(Math.random() * LEAVES);
          const a = process.hrtime.bigint();
          await l.inclusionProof(i, LEAVES);
          if (k >= skip) xs.push(Number(process.hrtime.bigint() - a) / 1e6);
        }
        return xs.sort((x, y) => x - y);
      };
      const q = (xs: number[], f: number): string => xs[Math.min(xs.length - 1, Math.floor(xs.length * f))].toFixed(3);
      // A fresh log object: an empty cache, as in a new process.
      const fresh = new EvidenceLog(ws.database.db, ws.database.kind, ws.meta.logOrigin, log.key);
      const [first] = await sample(fresh, 1, 0);
      t = process.hrtime.bigint();
      await fresh.warmCache();
      const warmS = secs(t);
      const warm = await sample(fresh, 2000, 200);
      rows.push([`${kind}: inclusion proof from the DB at ${LEAVES.toLocaleString('en')} leaves (stored-hash cache)`,
        `median ${q(warm, 0.5)} ms, p99 ${q(warm, 0.99)} ms; first proof of a process ${first.toFixed(1)} ms; warm-up ${warmS.toFixed(2)} s, ${fresh.cache.size.toLocaleString('en')} hashes from height ${fresh.cache.pinLevel} up, ${(fresh.cache.bytes / 2 ** 20).toFixed(1)} MiB (target < 1 ms)`]);
      const none = new EvidenceLog(ws.database.db, ws.database.kind, ws.meta.logOrigin, log.key, { maxUpper: 0, maxRecent: 0 });
      const uncached = await sample(none, 1000, 100);
      rows.push([`${kind}: the same without the cache (every hash from the DB, one query per proof)`, `median ${q(uncached, 0.5)} ms, p99 ${q(uncached, 0.99)} ms`]);
    } finally {
      await ws.close();
      await drop?.();
      await rm(join(dir, `ws-${kind}`), { recursive: true, force: true });
    }
  }

  // 4. memory while adding a big file through intake, in child processes (PGlite workspaces, filesystem blobs)
  if (!process.argv.includes('--skip-big')) {
    const big = join(dir, 'big.bin');
    const tiny = join(dir, 'tiny.txt');
    await writeRandomFile(big, Math.round(BIG_GB * 2 ** 30));
    await writeFile(tiny, 'tiny\n');
    const pgliteEnv = { ...process.env, DATABASE_URL: '' };
    const run = (args: string[], env: NodeJS.ProcessEnv = pgliteEnv): Promise<{ code: number | null; out: string; err: string }> => new Promise((resolve) => {
      const p = spawn(args[0], args.slice(1), { env });
      let out = '';
      let err = '';
      p.stdout.on('data', (d) => { out += String(d); });
      p.stderr.on('data', (d) => { err += String(d); });
      p.on('exit', (code) => resolve({ code, out, err }));
    });
    const init = async (name: string): Promise<string> => {
      const ws = join(dir, name);
      const r = await run([process.execPath, 'bin/vigil.mjs', 'init', ws]);
      if (r.code !== 0) throw new Error(`vigil init failed: ${r.err}`);
      return ws;
    };
    // In-process measurement: idle and ready baselines, peak during the add.
    const m = await run(['/usr/bin/time', '-f', '%M', process.execPath, '--expose-gc', 'bin/run-ts.mjs', 'bench/evidence-rss.child.ts', await init('ws-rss'), big]);
    if (m.code !== 0) throw new Error(`rss child failed: ${m.err}`);
    const j = JSON.parse(m.out.trim().split('\n').pop()!) as Record<string, number>;
    const maxRss = Number(m.err.trim().split('\n').pop()) / 1024;
    rows.push([`intake of a ${BIG_GB} GiB file, one process (PGlite workspace): attributable to streaming`, `${j.streaming} MiB = peak during the add ${j.peakDuringAdd} MiB − the same process ready and idle ${j.rssReady} MiB (target < 200 MB); ${(j.bytes / 2 ** 20 / j.seconds).toFixed(0)} MiB/s`]);
    rows.push([`  the same process: baseline`, `${j.rssStart} MiB with the code loaded (Node, tsx, modules), ${j.rssOpen} MiB with the workspace open, ${j.rssReady} MiB after a 5-byte add; absolute peak (/usr/bin/time) ${maxRss.toFixed(0)} MiB`]);
    // The CLI as a user runs it (compiled, bin/vigil.mjs), absolute peak RSS; with DATABASE_URL also on PostgreSQL.
    await run([process.execPath, 'bin/vigil.mjs', '--version']); // the compiled copy is current before the clock starts
    const cli = async (file: string, databaseUrl = ''): Promise<{ mib: number; s: number }> => {
      const ws = join(dir, `ws-cli-${Math.random().toString(36).slice(2)}`);
      const env = { ...process.env, DATABASE_URL: databaseUrl };
      const r0 = await run([process.execPath, 'bin/vigil.mjs', 'init', ws], env);
      if (r0.code !== 0) throw new Error(`vigil init failed: ${r0.err}`);
      t = process.hrtime.bigint();
      const r = await run(['/usr/bin/time', '-f', '%M', process.execPath, 'bin/vigil.mjs', 'evidence', 'add', file, '--data', ws, '--json'], env);
      if (r.code !== 0) throw new Error(`evidence add failed: ${r.err}`);
      return { mib: Number(r.err.trim().split('\n').pop()) / 1024, s: secs(t) };
    };
    const cliBig = await cli(big);
    const cliTiny = await cli(tiny);
    rows.push([`vigil evidence add (CLI) peak RSS, PGlite workspace`, `${BIG_GB} GiB file ${cliBig.mib.toFixed(0)} MiB (${cliBig.s.toFixed(1)} s); 5-byte file ${cliTiny.mib.toFixed(0)} MiB (target < 200 MB)`]);
    if (process.env.DATABASE_URL) {
      const { freshPostgresUrl } = await import('../test/helpers/db');
      const dbs = [await freshPostgresUrl(), await freshPostgresUrl()];
      try {
        const pgBig = await cli(big, dbs[0].url);
        const pgTiny = await cli(tiny, dbs[1].url);
        rows.push([`vigil evidence add (CLI) peak RSS, PostgreSQL workspace`, `${BIG_GB} GiB file ${pgBig.mib.toFixed(0)} MiB (${pgBig.s.toFixed(1)} s); 5-byte file ${pgTiny.mib.toFixed(0)} MiB (target < 200 MB)`]);
      } finally {
        for (const d of dbs) await d.drop();
      }
    }
    await rm(big);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
const w = Math.max(...rows.map((r) => r[0].length));
console.log(rows.map(([a, b]) => `${a.padEnd(w)}  ${b}`).join('\n'));
