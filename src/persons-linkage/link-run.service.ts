/**
 * Linkage over the workspace's current person records: a full run trains the model and re-clusters
 * every record; an incremental run links only records added since the last run, with that run's
 * model. Reviewer decisions are constraints. The engine works outside the transaction; the result is
 * written in one transaction after checking that no record changed person meanwhile.
 */
import { randomUUID } from 'node:crypto';
import { audit, inTransaction, type Db } from '../db';
import { ConflictError, type Actor } from '../domain';
import { linkIncremental, linkRecords, ModelMismatchError, type LinkResult, type TrainedModel } from '../linkage';
import { validate } from '../registry';
import { linkRunInput, linkRunListQuery, type LinkRun, type LinkRunSummary } from './linkage.schema';
import { linkageRepository as repo, type LinkSourceRow } from './linkage.repository';
import { engineDecisions, ordered, toLinkRecord } from './records';
import { regroup } from './regroup';
import { explanationOf } from './review.view';

export const DEFAULT_THRESHOLD = 0.8;
export const DEFAULT_REVIEW_LOWER = 0.2;

/** Stages a long run reports (the CLI draws a bar per stage). */
export type LinkStage = 'load' | 'link' | 'write' | 'refresh';
export interface LinkRunHooks { progress?: (stage: LinkStage, done: number, total: number) => void }

/** What a run stores in link_runs.params: enough to score new records later without training. */
export interface LinkRunParams {
  threshold: number;
  reviewLower: number;
  mode: 'dedupe' | 'link';
  /** Database time just before the records were read: records created later are new to the next incremental run. */
  loadedAt: string;
  model: TrainedModel | null;
}

const ms = (t: number) => Math.round(performance.now() - t);

export class LinkRunService {
  constructor(private readonly db: Db) {}

  async run(actor: Actor, input: unknown, hooks: LinkRunHooks = {}): Promise<LinkRunSummary> {
    const v = validate(linkRunInput, input ?? {});
    const tStart = performance.now();
    const progress = hooks.progress ?? (() => {});
    // Load.
    let t = performance.now();
    progress('load', 0, 1);
    const last = v.incremental ? await repo.lastRun(this.db) : undefined;
    const lastParams = last?.params as LinkRunParams | undefined;
    if (v.incremental && !lastParams?.model) throw new ConflictError('no earlier link run with a trained model: run a full `vigil link` first');
    const threshold = v.threshold ?? (v.incremental ? lastParams!.threshold : DEFAULT_THRESHOLD);
    const reviewLower = v.reviewLower ?? (v.incremental ? lastParams!.reviewLower : DEFAULT_REVIEW_LOWER);
    const loadedAt = await repo.now(this.db);
    const rows = await repo.currentRecords(this.db);
    const decisionRows = await repo.decisions(this.db);
    const known = new Set(rows.map((r) => r.id));
    const stale = [...new Set(decisionRows.flatMap((d) => [d.recordA, d.recordB]).filter((id) => !known.has(id)))];
    const decisions = engineDecisions(decisionRows, known, await repo.currentVersions(this.db, stale));
    progress('load', 1, 1);
    const loadMs = ms(t);

    // Link.
    t = performance.now();
    progress('link', 0, 1);
    let order: number[];
    let result: LinkResult | undefined;
    let newRecords = rows.length;
    if (rows.length === 0) {
      order = [];
    } else if (v.incremental) {
      // New: created after the last run read the records, and alone in their person (a record added to
      // an existing person, or a corrected version, stays with that person).
      const perPerson = new Map<string, number>();
      for (const r of rows) perPerson.set(r.personId, (perPerson.get(r.personId) ?? 0) + 1);
      const watermark = Date.parse(lastParams!.loadedAt) / 1000;
      const isNew = rows.map((r) => r.createdAt > watermark && perPerson.get(r.personId) === 1);
      const oldIdx: number[] = [], newIdx: number[] = [];
      isNew.forEach((n, i) => (n ? newIdx : oldIdx).push(i));
      newRecords = newIdx.length;
      order = [...oldIdx, ...newIdx];
      if (newIdx.length) {
        try {
          result = linkIncremental(
            { records: oldIdx.map((i) => toLinkRecord(rows[i])), clusterIds: oldIdx.map((i) => rows[i].personId) },
            lastParams!.model!, newIdx.map((i) => toLinkRecord(rows[i])),
            { decisions, threshold, reviewLower },
          );
        } catch (e) {
          // The last model was trained by an earlier version of the comparisons.
          if (e instanceof ModelMismatchError) throw new ConflictError(`${e.message} (run \`vigil link\` without --incremental)`);
          throw e;
        }
      }
    } else {
      order = rows.map((_, i) => i);
      result = linkRecords(rows.map(toLinkRecord), { decisions, threshold, reviewLower, seed: 1 });
    }
    progress('link', 1, 1);
    const linkMs = ms(t);

    // Write: one transaction for persons, history, the review queue, the run row and the audit events.
    t = performance.now();
    const runId = randomUUID();
    const linked = order.map((i) => rows[i]);
    // Without an engine result (nothing new), the clusters are the persons as they are.
    const clusterOf = result ? result.clusterOf : currentClusters(linked);
    const model = v.incremental ? lastParams!.model : (result?.model ?? null);
    const params: LinkRunParams = { threshold, reviewLower, mode: model?.mode ?? 'dedupe', loadedAt, model };
    const written = await inTransaction(this.db, async (tx) => {
      await repo.lockRecords(tx);
      await assertUnchanged(tx, linked);
      progress('write', 0, 1);
      const out = await regroup(tx, {
        actor, rows: linked, clusterOf, context: { by: 'run', runId },
        onRefresh: (done, total) => progress('refresh', done, total),
      });
      const band = (result?.review ?? []).map((c) => {
        const [a, b] = ordered(c.a, c.b);
        return { a, b, weight: c.explanation.total, probability: c.probability, explanation: { ...explanationOf(c.explanation), reason: c.reason, sameCluster: c.sameCluster } };
      });
      const reviewAdded = await repo.replaceReviewQueue(tx, runId, band, !v.incremental);
      const reviewQueue = await repo.pendingCount(tx);
      const persons = new Set(out.personOfCluster.filter(Boolean)).size;
      const stats = {
        records: rows.length, newRecords, persons, merged: out.merged, unmerged: out.unmerged, newPersons: out.newPersons, movedRecords: out.movedRecords,
        reviewQueue, reviewAdded, decisions: decisions.length,
        candidatePairs: result?.report.candidatePairs ?? 0, linkedPairs: result?.report.linkedPairs ?? 0,
        reviewCandidates: result?.report.reviewCandidates ?? 0, blockingRecall: result?.report.blockingRecall?.recall ?? null,
        clusters: result?.report.clusters ?? null,
        timings: { loadMs, linkMs, writeMs: ms(t), engine: result?.report.timingsMs ?? {}, write: out.timingsMs },
      };
      await repo.insertRun(tx, { id: runId, actor: actor.id, incremental: v.incremental, params, stats });
      await audit(tx, {
        actor: actor.id, entity: 'link_run', entityId: runId, action: v.incremental ? 'run_incremental' : 'run',
        diff: { records: rows.length, newRecords, persons, merged: out.merged, unmerged: out.unmerged, newPersons: out.newPersons, reviewAdded, threshold, reviewLower },
      });
      progress('write', 1, 1);
      return { out, stats, reviewQueue, reviewAdded, persons };
    });
    const writeMs = ms(t);
    return {
      runId, incremental: v.incremental, records: rows.length, newRecords, persons: written.persons, merged: written.out.merged,
      unmerged: written.out.unmerged, newPersons: written.out.newPersons, movedRecords: written.out.movedRecords,
      reviewQueue: written.reviewQueue, reviewAdded: written.reviewAdded, candidatePairs: written.stats.candidatePairs,
      blockingRecall: written.stats.blockingRecall,
      timings: { loadMs, linkMs, writeMs, totalMs: ms(tStart), engine: result?.report.timingsMs ?? {}, write: written.out.timingsMs },
    };
  }

  async list(_actor: Actor, query: unknown): Promise<{ items: LinkRun[]; total: number }> {
    const q = validate(linkRunListQuery, query ?? {});
    const res = await repo.listRuns(this.db, q.limit, q.offset);
    return { items: res.items.map(toRunView), total: res.total };
  }
}

function toRunView(r: { id: string; at: string; actor: string; incremental: boolean; params: unknown; stats: unknown }): LinkRun {
  const p = (r.params ?? {}) as Partial<LinkRunParams>;
  return {
    id: r.id, at: r.at, actor: r.actor, incremental: r.incremental,
    params: { threshold: p.threshold ?? DEFAULT_THRESHOLD, reviewLower: p.reviewLower ?? DEFAULT_REVIEW_LOWER, mode: p.mode ?? 'dedupe', lambda: p.model?.lambda ?? null, trainedOnPairs: p.model?.trainedOnPairs ?? null },
    stats: (r.stats ?? {}) as Record<string, unknown>,
  };
}

function currentClusters(rows: readonly LinkSourceRow[]): Int32Array {
  const ids = new Map<string, number>();
  return Int32Array.from(rows.map((r) => ids.get(r.personId) ?? ids.set(r.personId, ids.size).get(r.personId)!));
}

/** The plan was made on `rows`: refuse to write it when one of them changed person or stopped being current since. */
async function assertUnchanged(tx: Db, rows: readonly LinkSourceRow[]): Promise<void> {
  const now = await repo.currentPersonOf(tx);
  let changed = 0;
  for (const r of rows) if (now.get(r.id) !== r.personId) changed++;
  if (changed) throw new ConflictError(`${changed} person record(s) changed while linkage ran; run it again`);
}

