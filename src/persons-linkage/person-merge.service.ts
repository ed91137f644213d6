/**
 * Merge and unmerge of persons by hand. Both are decisions too, so a later run keeps them: a merge
 * links every record of the merged persons to the oldest record (must-link), replacing non-match
 * decisions between them; an unmerge separates the named records from the rest (cannot-link) and
 * keeps them together (must-link). History in person_merges, audit events, one transaction each.
 */
import { audit, inTransaction, type Db } from '../db';
import { NotFoundError, ValidationError, type Actor } from '../domain';
import { readableSensitivities, validate } from '../registry';
import { joinPersons, regroupResult } from './decide';
import { linkageRepository as repo } from './linkage.repository';
import { personMergeInput, personUnmergeInput, type MergeHistory, type RegroupResult } from './linkage.schema';
import { isUuid, ordered } from './records';
import { regroup } from './regroup';

export interface PersonMergeResult { person: string; regroup: RegroupResult; decisions: number }

export class PersonMergeService {
  constructor(private readonly db: Db) {}

  /** Merges the given persons into `personId`'s cluster; the oldest of them keeps its id. */
  async merge(actor: Actor, personId: string, input: unknown): Promise<PersonMergeResult> {
    if (!isUuid(personId)) throw new NotFoundError('person', personId);
    const v = validate(personMergeInput, input);
    const ids = [...new Set([personId, ...v.persons])];
    if (ids.length < 2) throw new ValidationError([{ field: 'persons', message: 'name at least one other person' }]);
    return inTransaction(this.db, async (tx) => {
      await this.assertReadable(tx, actor, ids);
      const rows = await repo.recordsOfPersons(tx, ids);
      const joined = await joinPersons(tx, actor, ids, { by: 'hand', note: v.note ?? null }, { refuseConflicts: false });
      // Every record tied to the oldest one: the merge survives later runs.
      const star = rows.slice(1).map((r) => { const [a, b] = ordered(rows[0].id, r.id); return { a, b, decision: 'match', note: v.note ?? null }; });
      const n = await repo.upsertDecisions(tx, star, actor.id);
      await audit(tx, {
        actor: actor.id, entity: 'link_decision', entityId: null, action: 'merge_by_hand',
        diff: { persons: ids, into: joined.person, decisions: star.length, overridden: joined.overridden.map((d) => ({ recordA: d.recordA, recordB: d.recordB })) },
      });
      return { person: joined.person, regroup: regroupResult(joined.outcome, [joined.person]), decisions: n };
    });
  }

  /** Takes records out of a person into a new person of their own; the person keeps the rest and its id. */
  async unmerge(actor: Actor, personId: string, input: unknown): Promise<PersonMergeResult> {
    if (!isUuid(personId)) throw new NotFoundError('person', personId);
    const v = validate(personUnmergeInput, input);
    return inTransaction(this.db, async (tx) => {
      await this.assertReadable(tx, actor, [personId]);
      await repo.lockPersons(tx, [personId]);
      const rows = await repo.recordsOfPersons(tx, [personId]);
      const current = await repo.currentVersions(tx, v.records);
      const leaving = new Set<string>();
      const issues: { field: string; message: string }[] = [];
      v.records.forEach((id, i) => {
        const cur = current.get(id);
        if (!cur || !rows.some((r) => r.id === cur)) issues.push({ field: `records.${i}`, message: 'not a record of this person' });
        else leaving.add(cur);
      });
      if (issues.length) throw new ValidationError(issues);
      if (leaving.size >= rows.length) throw new ValidationError([{ field: 'records', message: 'name some of the person\'s records, not all of them' }]);
      const moved = rows.filter((r) => leaving.has(r.id)), staying = rows.filter((r) => !leaving.has(r.id));
      const decisions = [
        ...moved.flatMap((m) => staying.map((s) => { const [a, b] = ordered(m.id, s.id); return { a, b, decision: 'non_match', note: v.note ?? null }; })),
        ...moved.slice(1).map((m) => { const [a, b] = ordered(moved[0].id, m.id); return { a, b, decision: 'match', note: v.note ?? null }; }),
      ];
      const n = await repo.upsertDecisions(tx, decisions, actor.id);
      const clusterOf = Int32Array.from(rows.map((r) => (leaving.has(r.id) ? 1 : 0)));
      const outcome = await regroup(tx, { actor, rows, clusterOf, pins: new Map([[0, personId]]), context: { by: 'hand', note: v.note ?? null } });
      await audit(tx, { actor: actor.id, entity: 'link_decision', entityId: null, action: 'unmerge_by_hand', diff: { person: personId, records: moved.length, decisions: decisions.length } });
      return { person: personId, regroup: regroupResult(outcome, outcome.personOfCluster), decisions: n };
    });
  }

  /** Merges and unmerges naming a person; for a person merged away, where it went. */
  async history(actor: Actor, personId: string): Promise<MergeHistory> {
    if (!isUuid(personId)) throw new NotFoundError('person', personId);
    const p = await repo.personExists(this.db, personId);
    if (p && !readableSensitivities(actor).includes(p.sensitivity)) throw new NotFoundError('person', personId);
    const items = await repo.mergesOf(this.db, personId);
    if (!p && !items.length) throw new NotFoundError('person', personId);
    let mergedInto: string | null = null;
    if (!p) {
      // Follow merges to the person that exists now (bounded: merges form no cycle, but be safe).
      let at: string | null = personId;
      for (let hops = 0; at && hops < 50; hops++) {
        const next: string | null = await repo.mergedInto(this.db, at);
        if (!next) break;
        mergedInto = at = next;
        if (await repo.personExists(this.db, next)) break;
      }
    }
    return { person: personId, exists: !!p, mergedInto, items, total: items.length };
  }

  private async assertReadable(tx: Db, actor: Actor, ids: readonly string[]): Promise<void> {
    const found = await repo.persons(tx, ids);
    const allowed = readableSensitivities(actor);
    for (const id of ids) {
      const p = found.find((x) => x.id === id);
      if (!p || !allowed.includes(p.sensitivity)) throw new NotFoundError('person', id);
    }
  }
}
