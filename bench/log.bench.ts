// Evidence-log core benchmark: 1M appends into MemoryHashStore, then inclusion and consistency
// proof latency at 1M leaves. Run: node bin/run-ts.mjs bench/log.bench.ts [leaves] [samples]
import {
  decodeLeaf,
  encodeLeaf,
  leafHash,
  MemoryHashStore,
  readTileData,
  tilesForTreeSize,
  verifyConsistency,
  verifyInclusion,
  type LogEntry,
} from '../src/evidence/log/index';

const LEAVES = Number(process.argv[2] ?? 1_000_000);
const SAMPLES = Number(process.argv[3] ?? 10_000);

const now = (): bigint => process.hrtime.bigint();
const ms = (ns: bigint | number): number => Number(ns) / 1e6;

function stats(samplesNs: number[]): { median: number; p99: number; max: number } {
  const s = [...samplesNs].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] / 1000;
  return { median: at(0.5), p99: at(0.99), max: s[s.length - 1] / 1000 };
}

let seed = 0x9e3779b9;
const rand = (n: number): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
};

// A leaf-sized record (~170 bytes, like a canonical log entry) with the counter written into it.
const template = encodeLeaf({ v: 1, kind: 'custody.viewed', at: '2024-05-01T12:00:00.000Z', actor: 'u:0000000000', evidence: 'a'.repeat(64) });
const record = (i: number): Uint8Array => {
  const b = template.slice();
  new DataView(b.buffer).setFloat64(20, i);
  return b;
};

const rows: [string, string][] = [];
const store = new MemoryHashStore();
const t0 = now();
for (let i = 0; i < LEAVES; i++) store.append(record(i));
const appendNs = now() - t0;
rows.push([`append ${LEAVES.toLocaleString('en')} leaves (total)`, `${(ms(appendNs) / 1000).toFixed(2)} s (target < 20 s)`]);
rows.push(['append throughput', `${Math.round(LEAVES / (ms(appendNs) / 1000)).toLocaleString('en')} leaves/s`]);
rows.push(['stored hashes', `${store.hashCount.toLocaleString('en')} (${(store.hashCount * 32 / 2 ** 20).toFixed(0)} MiB)`]);

const size = store.size;
let t = now();
const root = store.root();
rows.push(['root (treeHash) at full size', `${(Number(now() - t) / 1000).toFixed(1)} µs`]);

/** Times `SAMPLES` rounds of prove-then-verify, reporting generation, verification and both. */
function measure(label: string, round: () => { prove: () => Uint8Array[]; verify: (p: Uint8Array[]) => boolean }): void {
  const gen: number[] = [];
  const ver: number[] = [];
  const both: number[] = [];
  for (let k = 0; k < SAMPLES + 1000; k++) {
    const { prove, verify } = round();
    const a = now();
    const proof = prove();
    const b = now();
    const ok = verify(proof);
    const c = now();
    if (!ok) throw new Error(`${label}: verification failed`);
    if (k < 1000) continue; // warm-up
    gen.push(Number(b - a));
    ver.push(Number(c - b));
    both.push(Number(c - a));
  }
  for (const [what, xs] of [['generate', gen], ['verify', ver], ['generate + verify', both]] as const) {
    const r = stats(xs);
    rows.push([`${label}: ${what}`, `median ${r.median.toFixed(1)} µs, p99 ${r.p99.toFixed(1)} µs, max ${r.max.toFixed(0)} µs`]);
  }
}

measure(`inclusion proof at n = ${size.toLocaleString('en')}`, () => {
  const i = rand(size);
  const leaf = leafHash(record(i));
  return { prove: () => store.inclusionProof(i), verify: (p) => verifyInclusion(i, size, leaf, p, root) };
});

const roots = new Map<number, Uint8Array>();
measure(`consistency proof m → n = ${size.toLocaleString('en')} (m random)`, () => {
  const m = 1 + rand(size);
  let old = roots.get(m);
  if (!old) roots.set(m, (old = store.root(m)));
  const oldRoot = old;
  return { prove: () => store.consistencyProof(m), verify: (p) => verifyConsistency(m, size, oldRoot, root, p) };
});

const tiles = tilesForTreeSize(size);
t = now();
let bytes = 0;
for (const tile of tiles) bytes += readTileData(tile, store).length;
rows.push([`build all ${tiles.length.toLocaleString('en')} tiles`, `${ms(now() - t).toFixed(0)} ms (${(bytes / 2 ** 20).toFixed(1)} MiB)`]);

const entry: LogEntry = { v: 1, kind: 'evidence.received', at: '2024-05-01T12:00:00.000Z', actor: 'u:7f3a9c', evidence: 'b'.repeat(64), size: 123456 };
t = now();
const N = 20_000;
for (let i = 0; i < N; i++) decodeLeaf(encodeLeaf(entry));
rows.push(['encodeLeaf + decodeLeaf (zod + RFC 8785)', `${(Number(now() - t) / 1000 / N).toFixed(1)} µs per entry`]);

console.log(`\n## Evidence log core — Node ${process.version}, ${process.platform}/${process.arch}\n`);
console.log('| measurement | result |');
console.log('|---|---|');
for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
console.log();
