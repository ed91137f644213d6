/** Person records as the linkage engine reads them, and reviewer decisions as its constraints. */
import type { LinkRecord, ReviewDecision } from '../linkage';
import type { DecisionRow, LinkSourceRow } from './linkage.repository';

const opt = (v: string | null | undefined) => (v == null || v.trim() === '' ? undefined : v);

/** Maps a stored record's columns to the engine's fields; the source is the record's source id. */
export function toLinkRecord(r: LinkSourceRow): LinkRecord {
  return {
    id: r.id, source: r.sourceId,
    familyName: opt(r.familyName), givenName: opt(r.givenName), patronymic: opt(r.patronymic), fullName: opt(r.fullName),
    birthDate: opt(r.birth), sex: r.sex === 'unknown' ? undefined : opt(r.sex),
    unit: opt(r.unit), rank: opt(r.rank), serviceNumber: opt(r.serviceNumber), birthPlace: opt(r.birthPlace),
  };
}

/** Orders a pair the way link_pairs and link_decisions store it (record_a < record_b). */
export const ordered = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

/**
 * Decisions as engine constraints over the given records: a decision on an older version applies to
 * its current version (`current` maps old → current ids); decisions naming records outside the set
 * are left out.
 */
export function engineDecisions(rows: readonly DecisionRow[], known: ReadonlySet<string>, current: ReadonlyMap<string, string> = new Map()): ReviewDecision[] {
  const byPair = new Map<string, ReviewDecision & { at: string }>();
  for (const d of rows) {
    const a = known.has(d.recordA) ? d.recordA : current.get(d.recordA);
    const b = known.has(d.recordB) ? d.recordB : current.get(d.recordB);
    if (!a || !b || a === b || !known.has(a) || !known.has(b)) continue;
    const [x, y] = ordered(a, b);
    const key = `${x} ${y}`;
    const prev = byPair.get(key);
    // Two decisions can meet on one pair through older versions: the later one holds.
    if (prev && prev.at > d.decidedAt) continue;
    byPair.set(key, { a: x, b: y, decision: d.decision === 'match' ? 'match' : 'non-match', at: d.decidedAt });
  }
  return [...byPair.values()].map(({ a, b, decision }) => ({ a, b, decision }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Whether an id can name a row at all (anything else is "not found", not a database error). */
export const isUuid = (id: string) => UUID.test(id);
