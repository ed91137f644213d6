// The evidence vault of one workspace: blob store, log, intake, custody, verify and bundles, wired
// together. The workspace room builds it (it owns the folder, workspace.json and the keys).
import { join } from 'node:path';
import type { Db } from '../db';
import type { Actor } from '../domain';
import type { BlobStore } from './blob.store';
import { writeBundle, type BundleResult } from './bundle.service';
import { CustodyService } from './custody.service';
import { FsBlobStore } from './fs-blob.store';
import { IntakeService } from './intake.service';
import { LogKeyHolder, type KeyFiles } from './log-key';
import { EvidenceLog } from './log.service';
import { S3BlobStore, type S3BlobConfig } from './s3-blob.store';
import { verifyWorkspace, type VerifyReport } from './verify.service';

export type BlobStorageConfig = { kind: 'fs' } | ({ kind: 's3' } & S3BlobConfig);

export interface EvidenceVaultOptions {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Workspace folder (blobs go to <dir>/blobs with the fs store). */
  dir: string;
  /** Checkpoint origin (workspace.json logOrigin). */
  origin: string;
  storage: BlobStorageConfig;
  keys: KeyFiles;
  /** Largest upload accepted (default VIGIL_EVIDENCE_MAX_BYTES or 64 GiB). */
  maxUploadBytes?: number;
  /** A ready blob store (tests), instead of one built from `storage`. */
  blobs?: BlobStore;
}

export interface EvidenceVault {
  blobs: BlobStore;
  log: EvidenceLog;
  intake: IntakeService;
  custody: CustodyService;
  maxUploadBytes: number;
  verify(onProgress?: (step: string) => void): Promise<VerifyReport>;
  bundle(actor: Actor, ids: readonly string[], outPath: string): Promise<BundleResult>;
  close(): Promise<void>;
}

export function openBlobStore(dir: string, storage: BlobStorageConfig): BlobStore {
  return storage.kind === 's3' ? new S3BlobStore(storage) : new FsBlobStore(join(dir, 'blobs'));
}

export function defaultMaxUploadBytes(): number {
  const env = Number(process.env.VIGIL_EVIDENCE_MAX_BYTES);
  return Number.isSafeInteger(env) && env > 0 ? env : 64 * 2 ** 30;
}

export function createEvidenceVault(o: EvidenceVaultOptions): EvidenceVault {
  const blobs = o.blobs ?? openBlobStore(o.dir, o.storage);
  const log = new EvidenceLog(o.db, o.kind, o.origin, new LogKeyHolder(o.keys, o.origin));
  const maxUploadBytes = o.maxUploadBytes ?? defaultMaxUploadBytes();
  const intake = new IntakeService(o.db, blobs, log, maxUploadBytes);
  const custody = new CustodyService(o.db, blobs, log);
  return {
    blobs, log, intake, custody, maxUploadBytes,
    async verify(onProgress) {
      let verifierKey: string | null = null;
      try {
        verifierKey = await log.verifierKey();
      } catch {
        verifierKey = null; // reported as a missing key when checkpoints exist
      }
      return verifyWorkspace(o.db, blobs, { verifierKey, origin: o.origin, onProgress });
    },
    bundle: (actor, ids, outPath) => writeBundle({ db: o.db, blobs, log, custody }, actor, ids, outPath),
    close: async () => blobs.close?.(),
  };
}
