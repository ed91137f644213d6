/**
 * Writes a clustering of records as persons, inside the caller's transaction: new persons for
 * clusters that are nobody's home, records (with their older versions) moved, persons left without
 * records merged away (every reference to them follows, then they are deleted), display and search
 * columns refreshed for every touched person, one history row per merge and per split, audit events.
 */
import { auditMany, type AuditInput, type Db } from '../db';
import { SENSITIVITY, type Actor } from '../domain';
import { PersonService } from '../registry';
import { planAssignment, type AssignPlan } from './assign';
import { linkageRepository as repo, type LinkSourceRow } from './linkage.repository';

export interface RegroupContext {
  by: 'run' | 'review' | 'hand';
  runId?: string;
  pairId?: string;
  note?: string | null;
}

export interface RegroupArgs {
  actor: Actor;
  /** The records clustered, in load order (oldest first). */
  rows: readonly LinkSourceRow[];
  clusterOf: ArrayLike<number>;
  pins?: ReadonlyMap<number, string>;
  context: RegroupContext;
  onRefresh?: (done: number, total: number) => void;
}

export interface RegroupOutcome {
  plan: AssignPlan;
  /** Person of each cluster after the write. */
  personOfCluster: string[];
  merged: number;
  unmerged: number;
  newPersons: number;
  movedRecords: number;
  removed: { person: string; into: string }[];
  touchedPersons: string[];
  /** Milliseconds per write step. */
  timingsMs: Record<string, number>;
}

const level = (s: string) => Math.max(0, (SENSITIVITY as readonly string[]).indexOf(s));
const stricter = (a: string, b: string) => (level(b) > level(a) ? b : a);

/** Age rank of the persons of some records: created earlier first, then by id. */
export function personRanks(rows: readonly LinkSourceRow[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const r of rows) if (!seen.has(r.personId)) seen.set(r.personId, r.personCreatedAt);
  const order = [...seen].sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return new Map(order.map(([id], i) => [id, i]));
}

export async function regroup(tx: Db, args: RegroupArgs): Promise<RegroupOutcome> {
  const { rows, clusterOf, actor, context } = args;
  const timingsMs: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => { const t1 = performance.now(); timingsMs[name] = Math.round(t1 - t0); t0 = t1; };
  const plan = planAssignment({ personOf: rows.map((r) => r.personId), clusterOf, personRank: personRanks(rows), pins: args.pins });
  const sensOfPerson = new Map(rows.map((r) => [r.personId, r.personSensitivity] as [string, string]));
  // Strictest sensitivity among the persons giving records to each touched cluster.
  const strictest = new Map<number, string>();
  for (let i = 0; i < rows.length; i++) {
    const c = clusterOf[i];
    if (!plan.touched.has(c)) continue;
    strictest.set(c, stricter(strictest.get(c) ?? 'public', rows[i].personSensitivity));
  }
  // New persons for clusters nobody calls home.
  const fresh = [...plan.touched].filter((c) => plan.keep[c] === null).sort((a, b) => a - b);
  const freshIds = await repo.insertPersons(tx, fresh.map((c) => ({ sensitivity: strictest.get(c) ?? 'internal' })));
  const personOfCluster = plan.keep.map((p) => p ?? '');
  fresh.forEach((c, k) => { personOfCluster[c] = freshIds[k]; });
  // A kept person becomes as restricted as the strictest person merged into it.
  const raise: { id: string; sensitivity: string }[] = [];
  for (const c of plan.touched) {
    const k = plan.keep[c];
    if (k === null) continue;
    const s = strictest.get(c)!;
    if (level(s) > level(sensOfPerson.get(k) ?? 'public')) raise.push({ id: k, sensitivity: s });
  }
  await repo.setSensitivity(tx, raise);
  lap('persons');
  // Records move (with their older versions).
  const moves = plan.moved.map((i) => ({ record: rows[i].id, person: personOfCluster[clusterOf[i]] }));
  await repo.moveRecords(tx, moves);
  lap('moveRecords');
  // Persons left without records: references follow, then they go.
  const removed = [...plan.removed].map(([person, c]) => ({ person, into: personOfCluster[c] }));
  await repo.retirePersons(tx, removed.map((r) => ({ from: r.person, to: r.into })));
  lap('retirePersons');
  await repo.syncVictims(tx, moves.map((m) => m.record));
  // Display and search columns of every person whose records changed.
  const touched = new Set<string>();
  for (const i of plan.moved) { touched.add(personOfCluster[clusterOf[i]]); touched.add(rows[i].personId); }
  for (const r of removed) touched.delete(r.person);
  const registry = new PersonService(tx);
  const list = [...touched];
  for (let k = 0; k < list.length; k++) {
    await registry.refreshPerson(tx, list[k]);
    if (args.onRefresh && (k % 200 === 0 || k === list.length - 1)) args.onRefresh(k + 1, list.length);
  }
  lap('refreshPersons');
  // History and audit.
  const ctx = {
    by: context.by, ...(context.runId ? { runId: context.runId } : {}), ...(context.pairId ? { pairId: context.pairId } : {}),
    ...(context.note ? { note: context.note } : {}),
  };
  const removedBy = new Map(removed.map((r) => [r.person, r.into]));
  const history: { actor: string; action: string; details: Record<string, unknown> }[] = [];
  const events: AuditInput[] = [];
  for (let k = 0; k < fresh.length; k++) {
    events.push({ actor: actor.id, entity: 'person', entityId: freshIds[k], action: 'create', diff: { ...ctx, reason: 'linkage' } });
  }
  for (const m of plan.merges) {
    const into = personOfCluster[m.cluster];
    const gone = m.from.filter((p) => removedBy.has(p)).map((p) => ({ person: p, into: removedBy.get(p)! }));
    history.push({
      actor: actor.id, action: 'merge',
      details: { ...ctx, into, newPerson: m.into === null, from: m.from, records: m.records.map((i) => rows[i].id), removed: gone, persons: [into, ...m.from] },
    });
    events.push({ actor: actor.id, entity: 'person', entityId: into, action: 'merge', diff: { ...ctx, from: m.from, records: m.records.length, removed: gone.map((g) => g.person) } });
  }
  const splitRecords = new Map<string, Map<number, string[]>>(plan.splits.map((s) => [s.person, new Map()]));
  for (let i = 0; i < rows.length; i++) {
    const m = splitRecords.get(rows[i].personId);
    if (!m) continue;
    const c = clusterOf[i];
    (m.get(c) ?? m.set(c, []).get(c)!).push(rows[i].id);
  }
  for (const s of plan.splits) {
    const parts = s.clusters.map((c) => ({ person: personOfCluster[c], records: splitRecords.get(s.person)!.get(c) ?? [] }));
    history.push({
      actor: actor.id, action: 'unmerge',
      details: { ...ctx, person: s.person, parts, removed: removedBy.has(s.person) ? [{ person: s.person, into: removedBy.get(s.person)! }] : [], persons: [s.person, ...parts.map((p) => p.person).filter((p) => p !== s.person)] },
    });
    events.push({ actor: actor.id, entity: 'person', entityId: s.person, action: 'unmerge', diff: { ...ctx, parts: parts.map((p) => ({ person: p.person, records: p.records.length })) } });
  }
  for (const r of removed) events.push({ actor: actor.id, entity: 'person', entityId: r.person, action: 'delete', diff: { ...ctx, mergedInto: r.into } });
  await repo.insertMerges(tx, history);
  await auditMany(tx, events);
  lap('historyAndAudit');
  return {
    plan, personOfCluster, merged: removed.length, unmerged: plan.splits.length, newPersons: freshIds.length, movedRecords: moves.length,
    removed, touchedPersons: list, timingsMs,
  };
}
