/**
 * The review queue: uncertain pairs of the last runs with both records side by side and the
 * model's explanation. A decision is stored in link_decisions (it overrides the model in every later
 * run) and applied at once: a match joins the two persons, a non-match splits a person holding both.
 */
import { audit, inTransaction, type Db } from '../db';
import { NotFoundError, type Actor } from '../domain';
import { readableSensitivities, validate } from '../registry';
import { currentRecords, joinPersons, regroupResult, splitPerson } from './decide';
import { linkageRepository as repo, type PairRow } from './linkage.repository';
import { REVIEW_STATUSES, reviewDecisionInput, reviewListQuery, type Decision, type ReviewPair, type RegroupResult } from './linkage.schema';
import { isUuid, ordered } from './records';
import { toReviewPair, toReviewRecord } from './review.view';

export interface ReviewDecisionResult {
  id: string; status: string; decision: Decision | 'skip'; recordA: string; recordB: string; regroup: RegroupResult | null;
}

export class ReviewService {
  constructor(private readonly db: Db) {}

  async list(actor: Actor, query: unknown): Promise<{ items: ReviewPair[]; total: number }> {
    const q = validate(reviewListQuery, query ?? {});
    const statuses = q.status === 'all' ? [...REVIEW_STATUSES] : [q.status];
    const res = await repo.listPairs(this.db, { statuses, sensitivities: readableSensitivities(actor), limit: q.limit, offset: q.offset });
    return { items: await this.view(this.db, actor, res.items), total: res.total };
  }

  async get(actor: Actor, id: string): Promise<ReviewPair> {
    const p = isUuid(id) ? await repo.getPair(this.db, id) : undefined;
    if (!p) throw new NotFoundError('review pair', id);
    const [item] = await this.view(this.db, actor, [p]);
    if (!item) throw new NotFoundError('review pair', id);
    return item;
  }

  /** Records a reviewer's decision on a queued pair and applies it at once. */
  async decide(actor: Actor, id: string, input: unknown): Promise<ReviewDecisionResult> {
    const v = validate(reviewDecisionInput, input);
    return inTransaction(this.db, async (tx) => {
      const p = isUuid(id) ? await repo.getPair(tx, id, true) : undefined;
      if (!p) throw new NotFoundError('review pair', id);
      // Nobody decides on what they may not read.
      const allowed = readableSensitivities(actor);
      const recs = await repo.recordPersons(tx, [p.recordA, p.recordB]);
      if (recs.length < 2 || recs.some((r) => !allowed.includes(r.sensitivity))) throw new NotFoundError('review pair', id);
      if (v.decision === 'skip') {
        await repo.setPairStatus(tx, id, 'skipped');
        await audit(tx, { actor: actor.id, entity: 'link_pair', entityId: id, action: 'skip' });
        return { id, status: 'skipped', decision: 'skip' as const, recordA: p.recordA, recordB: p.recordB, regroup: null };
      }
      const regroup = await applyDecision(tx, actor, p.recordA, p.recordB, v.decision, { by: 'review', pairId: id, note: v.note ?? null });
      await repo.setPairStatus(tx, id, v.decision);
      return { id, status: v.decision, decision: v.decision, recordA: p.recordA, recordB: p.recordB, regroup };
    });
  }

  private async view(db: Db, actor: Actor, pairs: PairRow[]): Promise<ReviewPair[]> {
    const recs = await repo.recordsWithSource(db, pairs.flatMap((p) => [p.recordA, p.recordB]));
    const allowed = readableSensitivities(actor);
    const byId = new Map(recs.map((x) => [x.r.id, x]));
    const out: ReviewPair[] = [];
    for (const p of pairs) {
      const a = byId.get(p.recordA), b = byId.get(p.recordB);
      if (!a || !b || !allowed.includes(a.r.sensitivity) || !allowed.includes(b.r.sensitivity)) continue;
      out.push(toReviewPair(p, toReviewRecord(a, actor), toReviewRecord(b, actor)));
    }
    return out;
  }
}

/**
 * Stores a decision on two records (their current versions) and applies it: a match joins their
 * persons (refused when it contradicts another non-match decision), a non-match splits the person
 * holding both. Audited.
 */
export async function applyDecision(tx: Db, actor: Actor, recordA: string, recordB: string, decision: Decision, ctx: { by: 'review' | 'hand'; pairId?: string; note?: string | null }): Promise<RegroupResult> {
  const cur = await currentRecords(tx, [recordA, recordB]);
  const ra = cur.get(recordA)!, rb = cur.get(recordB)!;
  const [a, b] = ordered(ra.id, rb.id);
  await repo.upsertDecisions(tx, [{ a, b, decision, note: ctx.note ?? null }], actor.id);
  await audit(tx, { actor: actor.id, entity: 'link_decision', entityId: null, action: decision, diff: { recordA: a, recordB: b, by: ctx.by, ...(ctx.pairId ? { pairId: ctx.pairId } : {}) } });
  if (decision === 'match') {
    if (ra.personId === rb.personId) return regroupResult(null, [ra.personId]);
    const joined = await joinPersons(tx, actor, [ra.personId, rb.personId], ctx, { refuseConflicts: true });
    return regroupResult(joined.outcome, [joined.person]);
  }
  if (ra.personId !== rb.personId) return regroupResult(null, [ra.personId, rb.personId]);
  const split = await splitPerson(tx, actor, ra.personId, ctx);
  const after = await repo.recordsById(tx, [ra.id, rb.id]);
  return regroupResult(split, [...new Set(after.map((r) => r.personId))]);
}
