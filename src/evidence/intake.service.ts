// Evidence intake: stream the bytes into the blob store (hashing on the way), sniff the type and
// metadata from the bytes, then write the evidence row, its custody event, its log leaf, the stored
// hashes, a signed checkpoint and an audit event in one transaction — for several files, every
// file's rows and one batch append with one checkpoint.
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

type Bytes = Readable | AsyncIterable<Uint8Array>;

/** One file of a multi-file add. */
export interface IntakeFile {
  /** The bytes, or a function opening them when their turn comes (so a long list holds one file open at a time); handed to `BlobStore.put`, so it may reuse its buffer (`fileChunks`). */
  source: Bytes | (() => Bytes);
  input: IntakeInput;
  onProgress?: (bytes: number) => void;
}

/** A file streamed into the blob store, waiting for its rows and leaf. */
interface Received {
  v: ReturnType<typeof validateIntake>;
  sha256: string;
  size: number;
  existed: boolean;
  mediaType: string;
  metadata: Record<string, unknown>;
}

const validateIntake = (input: IntakeInput) => validate(intakeInput, input);

export class IntakeService {
  constructor(
    private readonly db: Db,
    private readonly blobs: BlobStore,
    private readonly log: EvidenceLog,
    private readonly defaultMaxBytes: number,
  ) {}

  async add(actor: Actor, source: Bytes, input: IntakeInput, opts: IntakeOptions = {}): Promise<IntakeResult> {
    const [r] = await this.addMany(actor, [{ source, input, onProgress: opts.onProgress }], opts);
    return r;
  }

  /**
   * Adds several files: each streams into the blob store in turn (hashed on the way, constant
   * memory), then one transaction writes every evidence row, custody event and audit event, the
   * leaves with one batch append and one signed checkpoint. If a file fails (too large, a program),
   * the files before it are still recorded — as with one add per file — and the error is thrown.
   */
  async addMany(actor: Actor, files: readonly IntakeFile[], opts: Omit<IntakeOptions, 'onProgress'> = {}): Promise<IntakeResult[]> {
    assertMayWrite(actor);
    const inputs = files.map((f) => validateIntake(f.input));
    const db = opts.tx ?? this.db;
    for (const v of inputs) if (v.derivedFrom) assertVisible(actor, await evidenceRepository.get(db, v.derivedFrom), v.derivedFrom);
    await this.log.key.get(db); // load or create the signing key first (and before a transaction takes the connection)
    const received: Received[] = [];
    let failure: { err: unknown } | null = null;
    for (const [k, f] of files.entries()) {
      try {
        received.push(await this.#receive(inputs[k], typeof f.source === 'function' ? f.source() : f.source, opts.maxBytes, f.onProgress));
      } catch (err) {
        failure = { err };
        break;
      }
    }
    const results = received.length === 0 ? [] : await (opts.tx ? this.#record(opts.tx, actor, received) : inTransaction(this.db, (tx) => this.#record(tx, actor, received)));
    if (failure) throw failure.err;
    return results;
  }

  /** Streams one file into the blob store and reads its type and metadata from its bytes. */
  async #receive(v: Received['v'], source: Bytes, maxBytes: number | undefined, onProgress: ((bytes: number) => void) | undefined): Promise<Received> {
    let mediaType = 'application/octet-stream';
    const blob = await this.blobs.put(source, {
      maxBytes: maxBytes ?? this.defaultMaxBytes,
      onProgress,
      inspect: async ({ head }) => {
        mediaType = (await sniffMediaType(head)).mediaType;
        if (isExecutableType(mediaType)) throw new UnsupportedMediaError(`programs (${mediaType}) are not accepted as evidence`);
      },
    });
    const metadata: Record<string, unknown> = await extractMetadata(mediaType, blob.head, this.blobs.localPath(blob.sha256));
    if (v.declaredType && v.declaredType !== mediaType) metadata.declaredType = v.declaredType;
    if (v.note) metadata.note = v.note;
    return { v, sha256: blob.sha256, size: blob.size, existed: blob.existed, mediaType, metadata };
  }

  /** Rows, leaves (one batch, one checkpoint) and audit events of received files, in `tx`. */
  async #record(tx: Db, actor: Actor, received: readonly Received[]): Promise<IntakeResult[]> {
    const at = new Date().toISOString();
    const who = actorPseudonym(actor.id);
    const entries: LogEntry[] = [];
    for (const { v, sha256, size } of received) {
      let prev: string | undefined;
      if (v.derivedFrom) {
        const original = await evidenceRepository.get(tx, v.derivedFrom);
        if (!original) throw new NotFoundError('evidence', v.derivedFrom);
        const h = await evidenceRepository.leafHashAt(tx, original.leafIndex);
        if (h) prev = toHex(h);
      }
      entries.push({ v: 1, kind: v.derivedFrom ? 'custody.derived' : 'evidence.received', at, actor: who, evidence: sha256, size, ...(prev ? { prev } : {}) });
    }
    const appended = await this.log.appendMany(tx, entries.map(encodeLeaf), at);
    const out: IntakeResult[] = [];
    for (const [k, r] of received.entries()) {
      const { v } = r;
      const id = randomUUID();
      const leafIndex = appended.first + k;
      const item = await evidenceRepository.insertItem(tx, {
        id, sha256: r.sha256, size: r.size, mediaType: r.mediaType, originalName: v.originalName ?? null, receivedAt: at,
        receivedBy: actor.id, sourceId: v.sourceId ?? null, derivedFrom: v.derivedFrom ?? null, metadata: r.metadata,
        sensitivity: v.sensitivity, leafIndex,
      });
      await evidenceRepository.insertCustody(tx, {
        evidenceId: id, kind: v.derivedFrom ? 'derived' : 'received', actor: actor.id, at,
        details: { duplicate: r.existed, ...(v.derivedFrom ? { derivedFrom: v.derivedFrom } : {}) }, leafIndex,
      });
      await audit(tx, {
        actor: actor.id, entity: 'evidence', entityId: id, action: v.derivedFrom ? 'derive' : 'receive',
        diff: { after: { sha256: r.sha256, size: r.size, mediaType: r.mediaType, sensitivity: v.sensitivity, leafIndex, duplicate: r.existed, originalName: item.originalName } },
      });
      out.push({ item, duplicate: r.existed, leafIndex, treeSize: appended.size });
    }
    return out;
  }
}
