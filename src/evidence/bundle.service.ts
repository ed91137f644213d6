// Court bundles: a zip holding the evidence files, a manifest, every log entry about each file,
// their inclusion proofs against one signed checkpoint, the log's public key, a plain-language
// README and an independent Go verifier. The export itself is logged first (custody.exported), so
// the bundle's checkpoint already covers it. Files stream from the blob store into the zip.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../db';
import { ConflictError, type Actor } from '../domain';
import type { BlobStore } from './blob.store';
import type { CustodyService } from './custody.service';
import { evidenceRepository } from './evidence.repository';
import { bundleReadme, GO_VERIFIER } from './bundle.readme';
import { toBase64 } from './log/index';
import type { EvidenceLog } from './log.service';

export interface BundleManifest {
  format: 'vigil-evidence-bundle/1';
  origin: string;
  createdAt: string;
  exportRef: string;
  treeSize: number;
  verifierKey: string;
  items: {
    id: string; sha256: string; size: number; mediaType: string; originalName: string | null; receivedAt: string;
    derivedFrom: string | null; file: string;
    leaves: { index: number; kind: string; leaf: string; proof: string }[];
  }[];
}

export interface BundleResult { path: string; items: number; treeSize: number; bytes: number; exportRef: string }

export async function writeBundle(
  deps: { db: Db; blobs: BlobStore; log: EvidenceLog; custody: CustodyService },
  actor: Actor,
  ids: readonly string[],
  outPath: string,
): Promise<BundleResult> {
  if (ids.length === 0) throw new ConflictError('name at least one evidence item to bundle');
  const items = await deps.custody.getMany(actor, [...new Set(ids)]);
  const exportRef = `bundle:${randomUUID()}`;
  await deps.custody.record(actor, items.map((item) => ({ item, kind: 'exported' as const, ref: exportRef, details: { bundle: true } })));
  const cp = await deps.log.latest();
  if (!cp) throw new ConflictError('the log has no checkpoint');
  const verifierKey = await deps.log.verifierKey();
  const createdAt = new Date().toISOString();

  const { default: yazl } = await import('yazl'); // loaded on first use (not every process writes bundles)
  const zip = new yazl.ZipFile();
  const manifest: BundleManifest = { format: 'vigil-evidence-bundle/1', origin: deps.log.origin, createdAt, exportRef, treeSize: cp.size, verifierKey, items: [] };
  const sums: string[] = [];
  const added = new Set<string>();
  for (const item of items) {
    const custody = await evidenceRepository.custodyOf(deps.db, item.id);
    const indexes = [...new Set([item.leafIndex, ...custody.map((c) => c.leafIndex)])].filter((i) => i < cp.size).sort((a, b) => a - b);
    const leaves: BundleManifest['items'][number]['leaves'] = [];
    for (const index of indexes) {
      const leaf = await deps.log.leaf(index);
      const p = await deps.log.inclusionProof(index, cp.size);
      const leafName = `leaves/${index}.json`;
      const proofName = `proofs/${index}.json`;
      if (!added.has(leafName)) {
        zip.addBuffer(Buffer.from(leaf.data), leafName);
        zip.addBuffer(Buffer.from(JSON.stringify({ index, treeSize: p.treeSize, leafHash: toBase64(p.leafHash), proof: p.proof.map(toBase64) }, null, 2) + '\n'), proofName);
        added.add(leafName);
      }
      leaves.push({ index, kind: leaf.entry?.kind ?? 'unknown', leaf: leafName, proof: proofName });
    }
    const file = `files/${item.sha256}`;
    if (!added.has(file)) {
      zip.addReadStreamLazy(file, { size: item.size, compress: false }, (cb) => {
        deps.blobs.open(item.sha256).then((s) => cb(null, s), (err) => cb(err, undefined as never));
      });
      sums.push(`${item.sha256}  ${file}`);
      added.add(file);
    }
    manifest.items.push({
      id: item.id, sha256: item.sha256, size: item.size, mediaType: item.mediaType, originalName: item.originalName,
      receivedAt: item.receivedAt, derivedFrom: item.derivedFrom, file, leaves,
    });
  }
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2) + '\n'), 'manifest.json');
  zip.addBuffer(Buffer.from(sums.join('\n') + '\n'), 'SHA256SUMS');
  zip.addBuffer(Buffer.from(cp.note), 'checkpoint.txt');
  zip.addBuffer(Buffer.from(`${verifierKey}\n`), 'log-key.txt');
  zip.addBuffer(Buffer.from(GO_VERIFIER), 'verify.go');
  zip.addBuffer(Buffer.from(bundleReadme({ origin: deps.log.origin, treeSize: cp.size, items: items.length, createdAt, verifierKey })), 'README.txt');
  zip.end();
  const tmp = `${outPath}.${randomUUID()}.part`;
  const out = createWriteStream(tmp);
  try {
    await pipeline(zip.outputStream, out);
    await rename(tmp, outPath);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return { path: outPath, items: items.length, treeSize: cp.size, bytes: (await stat(outPath)).size, exportRef };
}
