// `vigil verify --bundle FILE.zip`: checks a court bundle with no workspace. Every file re-hashed,
// the checkpoint's signature checked, every log entry decoded, matched to its file and proven to be
// in the signed tree; anything in the zip that the manifest does not explain is reported.
import type { Readable } from 'node:stream';
import { hashStream, SHA256_HEX } from './blob.store';
import type { BundleManifest } from './bundle.service';
import { decodeLeaf, fromBase64, leafHash, newNoteVerifier, openCheckpoint, verifyInclusion, bytesEqual } from './log/index';

export interface BundleReport {
  ok: boolean;
  origin: string | null;
  treeSize: number | null;
  verifierKey: string | null;
  items: number;
  leaves: number;
  problems: string[];
}

const FIXED = new Set(['manifest.json', 'SHA256SUMS', 'checkpoint.txt', 'log-key.txt', 'verify.go', 'README.txt']);

async function readAll(s: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/** Verifies a bundle; `trustedKey` (a verifier key line) replaces the key shipped in the bundle. */
export async function verifyBundle(path: string, opts: { trustedKey?: string } = {}): Promise<BundleReport> {
  const problems: string[] = [];
  const small = new Map<string, Buffer>();
  const fileHashes = new Map<string, { sha256: string; size: number }>();
  const { default: yauzl } = await import('yauzl'); // loaded on first use
  const zip = await yauzl.openPromise(path, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      const stream = await zip.openReadStreamPromise(entry);
      if (entry.fileName.startsWith('files/')) fileHashes.set(entry.fileName, await hashStream(stream));
      else if (entry.uncompressedSize > 64 * 2 ** 20) {
        stream.destroy();
        problems.push(`${entry.fileName} is unexpectedly large`);
      } else small.set(entry.fileName, await readAll(stream));
    }
  } finally {
    zip.close();
  }
  const report = (extra: Partial<BundleReport> = {}): BundleReport => ({ ok: problems.length === 0, origin: null, treeSize: null, verifierKey: null, items: 0, leaves: 0, problems, ...extra });
  for (const name of ['manifest.json', 'checkpoint.txt', 'log-key.txt']) if (!small.has(name)) problems.push(`${name} is missing from the bundle`);
  if (problems.length) return report();

  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(small.get('manifest.json')!.toString('utf8')) as BundleManifest;
  } catch {
    problems.push('manifest.json is not valid JSON');
    return report();
  }
  const verifierKey = opts.trustedKey?.trim() ?? small.get('log-key.txt')!.toString('utf8').trim();
  let root: Uint8Array;
  let treeSize: number;
  let origin: string;
  try {
    const { checkpoint } = openCheckpoint(small.get('checkpoint.txt')!, [newNoteVerifier(verifierKey)]);
    ({ rootHash: root, size: treeSize, origin } = checkpoint);
  } catch (e) {
    problems.push(`checkpoint.txt: signature or format invalid (${(e as Error).message})`);
    return report({ verifierKey });
  }
  if (manifest.treeSize !== treeSize) problems.push(`manifest names tree size ${manifest.treeSize}, the checkpoint ${treeSize}`);
  if (opts.trustedKey === undefined && small.get('log-key.txt')!.toString('utf8').trim() !== manifest.verifierKey) problems.push('log-key.txt differs from the key in manifest.json');

  const explained = new Set<string>(FIXED);
  let leafCount = 0;
  for (const item of manifest.items ?? []) {
    const label = `${item.file} (${item.originalName ?? item.id})`;
    explained.add(item.file);
    if (!SHA256_HEX.test(item.sha256)) problems.push(`${label}: malformed SHA-256 in the manifest`);
    const got = fileHashes.get(item.file);
    if (!got) problems.push(`${label} is missing from the bundle`);
    else if (got.sha256 !== item.sha256) problems.push(`${label} is altered: it hashes to ${got.sha256}, not ${item.sha256}`);
    else if (got.size !== item.size) problems.push(`${label} has ${got.size} bytes, the manifest says ${item.size}`);
    let receipt = false;
    for (const l of item.leaves ?? []) {
      explained.add(l.leaf);
      explained.add(l.proof);
      const data = small.get(l.leaf);
      const proofText = small.get(l.proof);
      if (!data || !proofText) {
        problems.push(`leaf ${l.index}: ${!data ? l.leaf : l.proof} is missing from the bundle`);
        continue;
      }
      leafCount++;
      try {
        const e = decodeLeaf(data);
        if (e.evidence !== item.sha256) problems.push(`leaf ${l.index} records ${e.evidence}, not ${item.sha256} (${label})`);
        if (e.kind === 'evidence.received' || e.kind === 'custody.derived') {
          receipt = true;
          if (e.size !== item.size) problems.push(`leaf ${l.index} records size ${e.size}, not ${item.size}`);
        }
      } catch (err) {
        problems.push(`leaf ${l.index} is not a valid log entry (${(err as Error).message})`);
      }
      try {
        const p = JSON.parse(proofText.toString('utf8')) as { index: number; treeSize: number; leafHash: string; proof: string[] };
        const proof = p.proof.map((h) => fromBase64(h) ?? new Uint8Array(0));
        const lh = leafHash(data);
        if (p.index !== l.index || p.treeSize !== treeSize) problems.push(`proof of leaf ${l.index} is for another leaf or tree`);
        else if (!bytesEqual(fromBase64(p.leafHash) ?? new Uint8Array(0), lh)) problems.push(`leaf ${l.index}: the leaf hash in its proof does not match the leaf`);
        else if (!verifyInclusion(l.index, treeSize, lh, proof, root)) problems.push(`leaf ${l.index} is not in the signed tree (inclusion proof fails)`);
      } catch {
        problems.push(`proof of leaf ${l.index} is unreadable`);
      }
    }
    if (!receipt) problems.push(`${label}: no receipt entry (evidence.received) in the bundle`);
  }
  for (const name of [...small.keys(), ...fileHashes.keys()]) if (!explained.has(name)) problems.push(`${name} is in the bundle but not in the manifest (extra)`);
  const sums = small.get('SHA256SUMS')?.toString('utf8') ?? '';
  for (const item of manifest.items ?? []) if (!sums.includes(`${item.sha256}  ${item.file}`)) problems.push(`SHA256SUMS lacks ${item.file}`);
  return report({ origin, treeSize, verifierKey, items: manifest.items?.length ?? 0, leaves: leafCount });
}
