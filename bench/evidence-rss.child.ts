// Child process of bench/evidence.bench.ts: memory of one process adding a big file through intake.
// Run: /usr/bin/time -f %M node --expose-gc bin/run-ts.mjs bench/evidence-rss.child.ts WORKSPACE BIG_FILE
// Prints JSON (MiB): rssStart (code loaded, no workspace), rssOpen (the workspace open, idle), rssReady (after a
// 5-byte add, so every module the intake path loads is in), peakDuringAdd (RSS sampled every 5 ms
// while the big file streams in) and streaming = peakDuringAdd − rssReady. The absolute peak comes
// from /usr/bin/time: getrusage inside a spawned child would include its parent's RSS at fork
// (Linux keeps the high-water mark across exec). The workspace opens and the file streams as
// `vigil evidence add` does (PGlite with memory 'small', `fileChunks`), but this process carries tsx.
import { Readable } from 'node:stream';
import { SYSTEM } from '../src/domain';
import { fileChunks } from '../src/evidence';
import { evidenceOf, openWorkspace } from '../src/workspace';

const [dir, big] = process.argv.slice(2);
const mib = (b: number): number => Math.round((b / 2 ** 20) * 10) / 10;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const settle = async (): Promise<number> => {
  gc();
  await new Promise((r) => setTimeout(r, 200));
  return process.memoryUsage.rss();
};

const rssStart = await settle();
const ws = await openWorkspace(dir, { databaseUrl: null, memory: 'small' });
try {
  const v = evidenceOf(ws);
  await v.log.verifierKey();
  const rssOpen = await settle();
  await v.intake.add(SYSTEM, Readable.from([Buffer.from('tiny\n')]), { originalName: 'tiny.txt' });
  const rssReady = await settle();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 5);
  const t0 = process.hrtime.bigint();
  const r = await v.intake.add(SYSTEM, fileChunks(big), { originalName: 'big.bin' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  process.stdout.write(`${JSON.stringify({
    rssStart: mib(rssStart), rssOpen: mib(rssOpen), rssReady: mib(rssReady), peakDuringAdd: mib(peak),
    streaming: mib(peak - rssReady), seconds, bytes: r.item.size,
  })}\n`);
} finally {
  await ws.close();
}
