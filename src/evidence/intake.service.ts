// Evidence intake: stream the bytes into the blob store (hashing on the way), sniff the type and
// metadata from the bytes, then write the evidence row, its custody event, its log leaf, the stored
// hashes, a signed checkpoint and an audit event in one transaction.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { audit, inTransaction, type Db } from '../db';
import { NotFoundError, type Actor } from '../domain';
import { validate } from './evidence.validate';
import type { BlobStore } from './blob.store';
import { actorPseudonym, assertMayWrite, assertVisible, UnsupportedMediaError } from './evidence.common';
import { evidenceRepository } from './evidence.repository';
import { intakeInput, type EvidenceItem, type IntakeInput } from './evidence.schema';
import { encodeLeaf, toHex, type LogEntry } from './log/index';
import type { EvidenceLog } from './log.service';
import { extractMetadata, isExecutableType, sniffMediaType } from './media.sniff';

export interface IntakeResult {
  item: EvidenceItem;
  /** The same bytes were already in the store: this is a further receipt of them. */
  duplicate: boolean;
  leafIndex: number;
  treeSize: number;
}

export interface IntakeOptions {
  /** Largest file accepted, in bytes. */
  maxBytes?: number;
  onProgress?: (bytes: number) => void;
  /** Join the caller's transaction (demo seeding). */
  tx?: Db;
}

export class IntakeService {
  constructor(
    private readonly db: Db,
    private readonly blobs: BlobStore,
    private readonly log: EvidenceLog,
    private readonly defaultMaxBytes: number,
  ) {}

  async add(actor: Actor, source: Readable | AsyncIterable<Uint8Array>, input: IntakeInput, opts: IntakeOptions = {}): Promise<IntakeResult> {
    assertMayWrite(actor);
    const v = validate(intakeInput, input);
    const db = opts.tx ?? this.db;
    if (v.derivedFrom) assertVisible(actor, await evidenceRepository.get(db, v.derivedFrom), v.derivedFrom);
    await this.log.key.get(db); // load or create the signing key first (and before a transaction takes the connection)
    let mediaType = 'application/octet-stream';
    const blob = await this.blobs.put(source, {
      maxBytes: opts.maxBytes ?? this.defaultMaxBytes,
      onProgress: opts.onProgress,
      inspect: async ({ head }) => {
        mediaType = (await sniffMediaType(head)).mediaType;
        if (isExecutableType(mediaType)) throw new UnsupportedMediaError(`programs (${mediaType}) are not accepted as evidence`);
      },
    });
    const metadata: Record<string, unknown> = await extractMetadata(mediaType, blob.head, this.blobs.localPath(blob.sha256));
    if (v.declaredType && v.declaredType !== mediaType) metadata.declaredType = v.declaredType;
    if (v.note) metadata.note = v.note;
    const run = async (tx: Db): Promise<IntakeResult> => {
      const at = new Date().toISOString();
      let prev: string | undefined;
      if (v.derivedFrom) {
        const original = await evidenceRepository.get(tx, v.derivedFrom);
        if (!original) throw new NotFoundError('evidence', v.derivedFrom);
        const h = await evidenceRepository.leafHashAt(tx, original.leafIndex);
        if (h) prev = toHex(h);
      }
      const entry: LogEntry = {
        v: 1, kind: v.derivedFrom ? 'custody.derived' : 'evidence.received', at, actor: actorPseudonym(actor.id),
        evidence: blob.sha256, size: blob.size, ...(prev ? { prev } : {}),
      };
      const appended = await this.log.append(tx, [encodeLeaf(entry)], at);
      const id = randomUUID();
      const item = await evidenceRepository.insertItem(tx, {
        id, sha256: blob.sha256, size: blob.size, mediaType, originalName: v.originalName ?? null, receivedAt: at,
        receivedBy: actor.id, sourceId: v.sourceId ?? null, derivedFrom: v.derivedFrom ?? null, metadata,
        sensitivity: v.sensitivity, leafIndex: appended.first,
      });
      await evidenceRepository.insertCustody(tx, {
        evidenceId: id, kind: v.derivedFrom ? 'derived' : 'received', actor: actor.id, at,
        details: { duplicate: blob.existed, ...(v.derivedFrom ? { derivedFrom: v.derivedFrom } : {}) }, leafIndex: appended.first,
      });
      await audit(tx, {
        actor: actor.id, entity: 'evidence', entityId: id, action: v.derivedFrom ? 'derive' : 'receive',
        diff: { after: { sha256: blob.sha256, size: blob.size, mediaType, sensitivity: v.sensitivity, leafIndex: appended.first, duplicate: blob.existed, originalName: item.originalName } },
      });
      return { item, duplicate: blob.existed, leafIndex: appended.first, treeSize: appended.size };
    };
    return opts.tx ? run(opts.tx) : inTransaction(this.db, run);
  }
}
