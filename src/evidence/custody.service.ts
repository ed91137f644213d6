// Reading evidence and its chain of custody. Views of restricted items, exports and transfers are
// custody events, each a leaf of the log, written with an audit event in one transaction.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { audit, inTransaction, type Db } from '../db';
import { ForbiddenError, type Actor } from '../domain';
import type { BlobStore } from './blob.store';
import { actorPseudonym, assertVisible, readableSensitivities } from './evidence.common';
import { evidenceRepository } from './evidence.repository';
import { evidenceListQuery, transferInput, type CustodyEventView, type EvidenceItem } from './evidence.schema';
import { validate } from './evidence.validate';
import { encodeLeaf, type LogEntryKind } from './log/index';
import type { EvidenceLog } from './log.service';

export type RecordedCustody = 'viewed' | 'exported' | 'transferred' | 'verified';
const LEAF_KIND: Record<RecordedCustody, LogEntryKind> = {
  viewed: 'custody.viewed', exported: 'custody.exported', transferred: 'custody.transferred', verified: 'custody.verified',
};

export interface CustodyRequest {
  item: EvidenceItem;
  kind: RecordedCustody;
  /** Opaque reference written to the leaf (export or transfer id). */
  ref?: string;
  /** Kept in the database only (never in the log). */
  details?: Record<string, unknown>;
}

export class CustodyService {
  constructor(private readonly db: Db, private readonly blobs: BlobStore, private readonly log: EvidenceLog) {}

  async list(actor: Actor, query: unknown): Promise<{ items: EvidenceItem[]; total: number }> {
    const q = validate(evidenceListQuery, query);
    const sens = readableSensitivities(actor);
    if (sens.length === 0) return { items: [], total: 0 };
    return evidenceRepository.list(this.db, q, sens);
  }

  async get(actor: Actor, id: string): Promise<EvidenceItem & { custody: CustodyEventView[] }> {
    const item = assertVisible(actor, await evidenceRepository.get(this.db, id), id);
    return { ...item, custody: await evidenceRepository.custodyOf(this.db, id) };
  }

  /** Evidence items by id, each visible to the actor (NotFound otherwise). */
  async getMany(actor: Actor, ids: readonly string[]): Promise<EvidenceItem[]> {
    const rows = new Map((await evidenceRepository.getMany(this.db, ids)).map((r) => [r.id, r]));
    return ids.map((id) => assertVisible(actor, rows.get(id) ?? null, id));
  }

  /** Records custody events in one transaction: one leaf each, one checkpoint for the batch. */
  async record(actor: Actor, requests: readonly CustodyRequest[], tx?: Db): Promise<CustodyEventView[]> {
    if (requests.length === 0) return [];
    await this.log.key.get(tx ?? this.db);
    const run = async (t: Db): Promise<CustodyEventView[]> => {
      const at = new Date().toISOString();
      const who = actorPseudonym(actor.id);
      const leaves = requests.map((r) => encodeLeaf({ v: 1, kind: LEAF_KIND[r.kind], at, actor: who, evidence: r.item.sha256, ...(r.ref ? { ref: r.ref } : {}) }));
      const appended = await this.log.append(t, leaves, at);
      const out: CustodyEventView[] = [];
      for (const [k, r] of requests.entries()) {
        const ev = await evidenceRepository.insertCustody(t, {
          evidenceId: r.item.id, kind: r.kind, actor: actor.id, at, details: { ...(r.ref ? { ref: r.ref } : {}), ...(r.details ?? {}) }, leafIndex: appended.first + k,
        });
        await audit(t, { actor: actor.id, entity: 'evidence', entityId: r.item.id, action: r.kind, diff: { leafIndex: ev.leafIndex, ref: r.ref ?? null } });
        out.push(ev);
      }
      return out;
    };
    return tx ? run(tx) : inTransaction(this.db, run);
  }

  /**
   * Opens an item's bytes for the actor. Restricted items leave a custody event: `viewed` when
   * shown, `exported` when downloaded as a file; other items only when `always` is set.
   */
  async open(actor: Actor, id: string, how: 'viewed' | 'exported', always = false): Promise<{ item: EvidenceItem; stream: Readable; event: CustodyEventView | null }> {
    const item = assertVisible(actor, await evidenceRepository.get(this.db, id), id);
    const stream = await this.blobs.open(item.sha256); // fail before logging when the bytes are gone
    let event: CustodyEventView | null = null;
    if (item.sensitivity === 'restricted' || always) {
      try {
        [event] = await this.record(actor, [{ item, kind: how, ref: how === 'exported' ? `export:${randomUUID()}` : undefined }]);
      } catch (err) {
        stream.destroy();
        throw err;
      }
    }
    return { item, stream, event };
  }

  /** Hands custody of an item to another holder. */
  async transfer(actor: Actor, id: string, input: unknown): Promise<CustodyEventView> {
    if (actor.role !== 'administrator' && actor.role !== 'investigator' && actor.role !== 'system') {
      throw new ForbiddenError(`your role (${actor.role}) may not transfer evidence`);
    }
    const v = validate(transferInput, input);
    const item = assertVisible(actor, await evidenceRepository.get(this.db, id), id);
    const [ev] = await this.record(actor, [{ item, kind: 'transferred', ref: `transfer:${randomUUID()}`, details: { to: v.to, reason: v.reason ?? null } }]);
    return ev;
  }
}
