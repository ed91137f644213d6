/**
 * What a decision does at once, inside the caller's transaction: a match joins the two records'
 * persons; a non-match on two records of one person splits that person with the last run's model
 * (or, before any run, moves the second record and what is tied to it out). Used by the review
 * queue and by merge and unmerge by hand.
 */
import { ConflictError, NotFoundError, type Actor } from '../domain';
import { linkRecords, parseBlockingRule, type ReviewDecision, type TrainedModel } from '../linkage';
import type { Db } from '../db';
import { linkageRepository as repo, type DecisionRow, type LinkSourceRow } from './linkage.repository';
import { engineDecisions, ordered, toLinkRecord } from './records';
import { regroup, type RegroupContext, type RegroupOutcome } from './regroup';
import type { LinkRunParams } from './link-run.service';
import type { RegroupResult } from './linkage.schema';

export function regroupResult(o: RegroupOutcome | null, persons: string[]): RegroupResult {
  return {
    persons, merged: o?.merged ?? 0, unmerged: o?.unmerged ?? 0, newPersons: o?.newPersons ?? 0, movedRecords: o?.movedRecords ?? 0,
    removed: o?.removed ?? [],
  };
}

/** The current version of each record (decisions on older versions apply to their current one). */
export async function currentRecords(tx: Db, ids: readonly string[]): Promise<Map<string, LinkSourceRow>> {
  const cur = await repo.currentVersions(tx, ids);
  const rows = await repo.recordsById(tx, [...new Set(ids.map((id) => cur.get(id)).filter((x): x is string => !!x))]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = new Map<string, LinkSourceRow>();
  for (const id of ids) {
    const r = byId.get(cur.get(id) ?? '');
    if (!r) throw new NotFoundError('person record', id);
    out.set(id, r);
  }
  return out;
}

/** Non-match decisions between records of two groups (what a join would contradict). */
export function conflicts(decisions: readonly ReviewDecision[], left: ReadonlySet<string>, right: ReadonlySet<string>): ReviewDecision[] {
  return decisions.filter((d) => d.decision === 'non-match' && ((left.has(d.a) && right.has(d.b)) || (left.has(d.b) && right.has(d.a))));
}

async function decisionsOver(tx: Db, rows: readonly LinkSourceRow[]): Promise<{ decisions: ReviewDecision[]; raw: DecisionRow[] }> {
  const known = new Set(rows.map((r) => r.id));
  const raw = await repo.decisionsAmong(tx, [...known]);
  return { decisions: engineDecisions(raw, known), raw };
}

/** Joins the persons of all given records into one (the oldest person id is kept). */
export async function joinPersons(tx: Db, actor: Actor, personIds: readonly string[], ctx: RegroupContext, opts: { refuseConflicts: boolean }): Promise<{ outcome: RegroupOutcome | null; person: string; overridden: DecisionRow[] }> {
  const ids = [...new Set(personIds)];
  await repo.lockPersons(tx, ids);
  const rows = await repo.recordsOfPersons(tx, ids);
  const { decisions, raw } = await decisionsOver(tx, rows);
  const byPerson = new Map<string, Set<string>>();
  for (const r of rows) (byPerson.get(r.personId) ?? byPerson.set(r.personId, new Set()).get(r.personId)!).add(r.id);
  const found: ReviewDecision[] = [];
  const groups = [...byPerson.values()];
  for (let i = 0; i < groups.length; i++) for (let j = i + 1; j < groups.length; j++) found.push(...conflicts(decisions, groups[i], groups[j]));
  let overridden: DecisionRow[] = [];
  if (found.length) {
    if (opts.refuseConflicts) {
      const d = found[0];
      throw new ConflictError(`records ${d.a} and ${d.b} of these persons were decided to be different people` +
        `${found.length > 1 ? ` (and ${found.length - 1} more pair(s))` : ''}; decide that pair again or unmerge first`);
    }
    const keys = new Set(found.map((d) => `${d.a} ${d.b}`));
    overridden = raw.filter((d) => keys.has(ordered(d.recordA, d.recordB).join(' ')));
    await repo.deleteDecisions(tx, overridden.map((d) => d.id));
  }
  if (byPerson.size < 2) return { outcome: null, person: rows[0]?.personId ?? ids[0], overridden };
  const outcome = await regroup(tx, { actor, rows, clusterOf: new Int32Array(rows.length), context: ctx });
  return { outcome, person: outcome.personOfCluster[0], overridden };
}

/** Splits one person after a non-match between two of its records. */
export async function splitPerson(tx: Db, actor: Actor, personId: string, ctx: RegroupContext): Promise<RegroupOutcome | null> {
  await repo.lockPersons(tx, [personId]);
  const rows = await repo.recordsOfPersons(tx, [personId]);
  if (rows.length < 2) return null;
  const { decisions } = await decisionsOver(tx, rows);
  const last = await repo.lastRun(tx);
  const params = last?.params as LinkRunParams | undefined;
  let clusterOf = params?.model ? modelClusters(rows, decisions, params.model, params.threshold) : constraintClusters(rows, decisions);
  // The non-match decisions must hold whatever the model says.
  const idx = new Map(rows.map((r, i) => [r.id, i]));
  if (decisions.some((d) => d.decision === 'non-match' && clusterOf[idx.get(d.a)!] === clusterOf[idx.get(d.b)!])) clusterOf = constraintClusters(rows, decisions);
  if (new Set(clusterOf).size < 2) return null;
  return regroup(tx, { actor, rows, clusterOf, context: ctx });
}

/** Clusters a handful of records with a trained model: every pair compared, no term-frequency adjustment (too few records to estimate it). */
export function modelClusters(rows: readonly LinkSourceRow[], decisions: readonly ReviewDecision[], model: TrainedModel, threshold: number): Int32Array {
  const records = rows.map((r) => ({ ...toLinkRecord(r), fields: { vigilAll: '1' } }));
  const local: TrainedModel = { ...model, blockingRules: [parseBlockingRule('vigilAll:value')], tfClamp: 0, maxBlockSize: Math.max(model.maxBlockSize, rows.length + 1) };
  return linkRecords(records, { model: local, decisions, threshold, blockingRecall: false, maxReviewCandidates: 0 }).clusterOf;
}

/** Without a model: the must-link groups of the non-match pairs' second records leave; everything else stays. */
export function constraintClusters(rows: readonly LinkSourceRow[], decisions: readonly ReviewDecision[]): Int32Array {
  const idx = new Map(rows.map((r, i) => [r.id, i]));
  const parent = rows.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (const d of decisions) if (d.decision === 'match') parent[find(idx.get(d.a)!)] = find(idx.get(d.b)!);
  const out = new Int32Array(rows.length);
  let next = 1;
  const leaving = new Map<number, number>();
  for (const d of decisions) {
    if (d.decision !== 'non-match') continue;
    const a = find(idx.get(d.a)!), b = find(idx.get(d.b)!);
    if (a === b) continue;
    // The side holding the person's earliest record stays; the other leaves as its own group.
    const root0 = find(0);
    const leave = a === root0 ? b : b === root0 ? a : idx.get(d.b)! > idx.get(d.a)! ? b : a;
    if (!leaving.has(leave)) leaving.set(leave, next++);
  }
  for (let i = 0; i < rows.length; i++) out[i] = leaving.get(find(i)) ?? 0;
  return out;
}
