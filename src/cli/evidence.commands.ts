import type { Command } from 'commander';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { SYSTEM } from '../domain';
import { fileChunks, toBase64, verifyBundle, type VerifyReport, type BundleReport } from '../evidence';
import { evidenceOf, resolveDataDir } from '../workspace';
import { CliError, common, info, output, withWorkspace, type GlobalOptions } from './common';
import { progress } from './progress';

const int = (name: string) => (v: string): number => {
  if (!/^(0|[1-9][0-9]*)$/.test(v) || !Number.isSafeInteger(Number(v))) throw new CliError(`--${name} must be a non-negative integer`);
  return Number(v);
};

/** A few queries each: the embedded database with little memory (verify, which reads every row, keeps the default). */
const SMALL = { memory: 'small' } as const;

/** `vigil evidence …`, `vigil log …` and `vigil verify`: the evidence vault and its log. */
export function evidenceCommands(program: Command): void {
  const evidence = program.command('evidence').description('evidence files: add, list, bundle for court');

  common(evidence.command('add <files...>'))
    .description('add files to the evidence store (hashed while streaming; each receipt is a log entry)')
    .option('--source <id>', 'source the files came from (uuid)')
    .option('--sensitivity <level>', 'public, internal or restricted', 'internal')
    .option('--derived-from <id>', 'evidence item these files were derived from (e.g. redacted copies)')
    .action(async (files: string[], opts: GlobalOptions & { source?: string; sensitivity: string; derivedFrom?: string }) => {
      const results = await withWorkspace(opts, async (ws) => {
        const list: { f: string; path: string; size: number }[] = [];
        for (const f of files) {
          const path = resolve(f);
          const st = await stat(path).catch(() => null);
          if (!st?.isFile()) throw new CliError(`${f} is not a readable file`);
          list.push({ f, path, size: st.size });
        }
        // Every file streams into the store in turn; then one transaction records them all: one
        // evidence row and leaf each, one signed checkpoint for the batch.
        const bar = progress();
        const big = (size: number): boolean => size > 64 * 2 ** 20;
        try {
          const added = await evidenceOf(ws).intake.addMany(SYSTEM, list.map(({ path, size }) => ({
            source: () => {
              bar.stop();
              if (big(size)) bar.start(size, basename(path));
              return fileChunks(path); // one reused 1 MiB buffer: the store takes a chunk at a time
            },
            input: { originalName: basename(path), sourceId: opts.source, sensitivity: opts.sensitivity as 'internal', derivedFrom: opts.derivedFrom },
            onProgress: big(size) ? (n: number) => bar.update(n) : undefined,
          })));
          return added.map((r, k) => ({ file: list[k].f, id: r.item.id, sha256: r.item.sha256, size: r.item.size, mediaType: r.item.mediaType, leafIndex: r.leafIndex, duplicate: r.duplicate, treeSize: r.treeSize }));
        } finally {
          bar.stop();
        }
      }, SMALL);
      output(opts, results, () => results.map((r) => `${r.id}  ${r.sha256}  ${r.size} bytes  leaf ${r.leafIndex}${r.duplicate ? '  (duplicate bytes: second receipt)' : ''}  ${r.file}`).join('\n'));
    });

  common(evidence.command('list'))
    .description('list evidence items')
    .option('--limit <n>', 'how many', '50')
    .action(async (opts: GlobalOptions & { limit: string }) => {
      const page = await withWorkspace(opts, (ws) => evidenceOf(ws).custody.list(SYSTEM, { limit: opts.limit }), SMALL);
      output(opts, page, () => page.items.map((i) => `${i.id}  ${i.sha256}  ${i.mediaType}  ${i.size} bytes  ${i.receivedAt}  leaf ${i.leafIndex}`).join('\n') || '(no evidence)');
    });

  common(evidence.command('show <id>'))
    .description('an evidence item and its chain of custody')
    .action(async (id: string, opts: GlobalOptions) => {
      const d = await withWorkspace(opts, (ws) => evidenceOf(ws).custody.get(SYSTEM, id), SMALL);
      output(opts, d, () => [`${d.id}  ${d.sha256}  ${d.mediaType}  ${d.size} bytes`, ...d.custody.map((c) => `  ${c.at}  ${c.kind.padEnd(11)} leaf ${c.leafIndex}  by ${c.actor}`)].join('\n'));
    });

  common(evidence.command('bundle <ids...>'))
    .description('write a self-contained court package (files, manifest, log entries, proofs, checkpoint, key, README)')
    .requiredOption('-o, --output <file>', 'the zip file to write')
    .action(async (ids: string[], opts: GlobalOptions & { output: string }) => {
      const r = await withWorkspace(opts, (ws) => evidenceOf(ws).bundle(SYSTEM, ids, resolve(opts.output)), SMALL);
      output(opts, r, () => `Wrote ${r.path}: ${r.items} item(s), checkpoint of ${r.treeSize} leaves, ${r.bytes} bytes. Check it with: vigil verify --bundle ${r.path}`);
    });

  const log = program.command('log').description('the evidence log: key, checkpoints, proofs, leaves');

  common(log.command('key')).description('the verifier key of the log').action(async (opts: GlobalOptions) => {
    const key = await withWorkspace(opts, (ws) => evidenceOf(ws).log.verifierKey(), SMALL);
    output(opts, { verifierKey: key }, () => key);
  });

  common(log.command('checkpoint')).description('the latest signed checkpoint, verbatim').action(async (opts: GlobalOptions) => {
    const cp = await withWorkspace(opts, (ws) => evidenceOf(ws).log.latest(), SMALL);
    if (!cp) throw new CliError('the log has no checkpoint yet (add evidence first)');
    if (opts.json) output(opts, { size: cp.size, rootHash: toBase64(cp.root), note: cp.note }, () => '');
    else process.stdout.write(cp.note);
  });

  common(log.command('prove-inclusion'))
    .description('inclusion proof of a leaf in the tree of --size leaves (default: latest checkpoint)')
    .requiredOption('--index <n>', 'leaf index', int('index'))
    .option('--size <n>', 'tree size', int('size'))
    .action(async (opts: GlobalOptions & { index: number; size?: number }) => {
      const p = await withWorkspace(opts, (ws) => evidenceOf(ws).log.inclusionProof(opts.index, opts.size), SMALL);
      const j = { index: p.index, treeSize: p.treeSize, leafHash: toBase64(p.leafHash), proof: p.proof.map(toBase64) };
      output(opts, j, () => [`leaf ${j.index} of ${j.treeSize}, leaf hash ${j.leafHash}`, ...j.proof].join('\n'));
    });

  common(log.command('prove-consistency'))
    .description('consistency proof from tree size --from to --to (default: latest checkpoint)')
    .requiredOption('--from <n>', 'older tree size', int('from'))
    .option('--to <n>', 'newer tree size', int('to'))
    .action(async (opts: GlobalOptions & { from: number; to?: number }) => {
      const p = await withWorkspace(opts, (ws) => evidenceOf(ws).log.consistencyProof(opts.from, opts.to), SMALL);
      const j = { size1: p.size1, size2: p.size2, proof: p.proof.map(toBase64) };
      output(opts, j, () => [`tree ${j.size1} → ${j.size2}`, ...j.proof].join('\n'));
    });

  common(log.command('leaf'))
    .description('a leaf of the log: its bytes (base64) and what it records')
    .requiredOption('--index <n>', 'leaf index', int('index'))
    .action(async (opts: GlobalOptions & { index: number }) => {
      const l = await withWorkspace(opts, (ws) => evidenceOf(ws).log.leaf(opts.index), SMALL);
      const j = { index: l.index, data: toBase64(l.data), leafHash: toBase64(l.leafHash), entry: l.entry };
      output(opts, j, () => `leaf ${j.index}: ${Buffer.from(l.data).toString('utf8')}`);
    });

  common(program.command('verify'))
    .description('audit the workspace (blobs, log, checkpoints, rows), or a court bundle with --bundle; exit 1 when anything is wrong')
    .option('--bundle <file>', 'verify a bundle zip instead (needs no workspace)')
    .option('--key <verifierKey>', 'with --bundle: the log key you trust (instead of the one in the bundle)')
    .action(async (opts: GlobalOptions & { bundle?: string; key?: string }) => {
      let report: VerifyReport | BundleReport;
      if (opts.bundle) {
        report = await verifyBundle(resolve(opts.bundle), { trustedKey: opts.key });
        const b = report;
        output(opts, b, () => b.ok
          ? `Bundle intact: ${b.items} item(s), ${b.leaves} log entries proven in the checkpoint of ${b.treeSize} leaves of "${b.origin}", signed by ${b.verifierKey}.`
          : `BUNDLE NOT INTACT (${b.problems.length} problem(s)):\n${b.problems.map((p) => `  - ${p}`).join('\n')}`);
      } else {
        info(`Verifying the workspace in ${resolveDataDir(opts.data)} …`);
        const r = (report = await withWorkspace(opts, (ws) => evidenceOf(ws).verify((step) => info(`  checking ${step}`))));
        const c = r.counts;
        output(opts, r, () => r.ok
          ? `Intact: ${c.blobs} blobs, ${c.evidence} evidence rows, ${c.custodyEvents} custody events, ${c.leaves} leaves, ${c.storedHashes} stored hashes, ${c.checkpoints} checkpoints.`
          : `NOT INTACT (${r.problems.length} problem(s)):\n${r.problems.map((p) => `  - ${p.message}`).join('\n')}`);
      }
      if (!report.ok) process.exitCode = 1;
    });
}
