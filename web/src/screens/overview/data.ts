import { api } from '../../api/client';
import { roleOf, sessionOnce } from '../../api/pending';
import { countExact, countOf, registry, type Count } from '../../api/registry';
import type { AllegationType } from '../../api/types';
import { quarters } from '../../lib/partialDate';
import { pool } from '../../lib/useApi';
import { cached, currentStatus } from './cache';

export interface Headline { persons: Count; inCustody: Count; released: Count; diedOrExecuted: Count; missing: Count }

const sum = (a: Count, b: Count): Count => ({ n: a.n + b.n, estimated: a.estimated || b.estimated });

/** The headline goes first; the charts wait for it (or a second) so its requests are not queued behind theirs. */
let headlineDone: Promise<unknown> = Promise.resolve();
const afterHeadline = () => Promise.race([headlineDone.catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);

export const loadHeadline = (signal: AbortSignal) => {
  const p = cached('headline', () => headline(signal));
  headlineDone = p;
  return p;
};

async function headline(signal: AbortSignal): Promise<Headline> {
  const by = (status: string) => countExact('persons', { status }, signal);
  const [total, captured, seen, released, died, executed, missing] = await Promise.all([
    countExact('persons', {}, signal), by('captured'), by('seen_in_custody'), by('released'), by('died_in_custody'), by('executed'), by('missing'),
  ]);
  const h: Headline = { persons: total, inCustody: sum(captured, seen), released, diedOrExecuted: sum(died, executed), missing };
  if (!Object.values(h).some((c) => c.estimated)) return h;
  // Lists count exactly only up to 1,000. The statistics breakdown is exact (analysts and administrators);
  // the workspace status has the exact total (any signed-in role).
  const exact = await breakdown('persons', 'status', signal);
  if (exact) {
    const e = (k: string): Count => ({ n: exact.get(k) ?? 0, estimated: false });
    return { persons: { n: exact.get('*') ?? total.n, estimated: !exact.has('*') }, inCustody: sum(e('captured'), e('seen_in_custody')), released: e('released'), diedOrExecuted: sum(e('died_in_custody'), e('executed')), missing: e('missing') };
  }
  const st = await currentStatus().catch(() => null);
  if (st && typeof st.counts.persons === 'number') h.persons = { n: st.counts.persons, estimated: false };
  return h;
}

/** Exact counts from POST /api/v1/stats/breakdown ('*' = total), or null when this role may not run statistics. */
async function breakdown(unit: 'persons' | 'allegations', by: 'status' | 'type', signal: AbortSignal): Promise<Map<string, number> | null> {
  const role = roleOf(await sessionOnce().catch(() => null));
  if (role !== 'administrator' && role !== 'analyst') return null; // statistics:run
  try {
    const r = await api.post<{ total: number; partition: boolean; items: { key: string; count: number }[] }>('/api/v1/stats/breakdown', { unit, by, limit: 200 });
    if (signal.aborted) return null;
    const m = new Map(r.items.map((i) => [i.key, i.count]));
    if (r.partition) m.set('*', r.total);
    return m;
  } catch {
    return null;
  }
}

export const loadAllegationsByType = async (signal: AbortSignal) => {
  await afterHeadline();
  return cached('byType', () => allegationsByType(signal));
};

async function allegationsByType(signal: AbortSignal): Promise<{ type: AllegationType; count: number }[]> {
  const types = (await registry.allegationTypes(signal)).items;
  // One statistics request where the role may run statistics; a count per type otherwise.
  const byStats = await breakdown('allegations', 'type', signal);
  const counts = byStats ? types.map((t) => byStats.get(t.code) ?? 0) : await pool(types, 4, (t) => countOf('allegations', { typeCode: t.code }, signal));
  return types.map((type, i) => ({ type, count: counts[i] })).filter((x) => x.count > 0).sort((a, b) => b.count - a.count);
}

const FIRST_YEAR = 2014;
const FULL_SCALE = 2022;

export const loadCustodyOverTime = async (signal: AbortSignal) => {
  await afterHeadline();
  return cached('overTime', () => custodyOverTime(signal));
};

/**
 * Persons known in custody in each quarter (years when the span is long). One count asks whether
 * anything precedes 2022, so the usual case costs a count per quarter since 2022 and no more.
 */
async function custodyOverTime(signal: AbortSignal): Promise<{ label: string; value: number }[]> {
  const now = new Date();
  const year = now.getUTCFullYear();
  const count = (from: string, to: string) => countOf('persons', { from, to }, signal);
  let start = FULL_SCALE;
  if (await count(String(FIRST_YEAR), String(FULL_SCALE - 1)) > 0) {
    const early = Array.from({ length: FULL_SCALE - FIRST_YEAR }, (_, i) => String(FIRST_YEAR + i));
    const perYear = await pool(early, 4, (y) => count(y, y));
    start = FIRST_YEAR + Math.max(0, perYear.findIndex((n) => n > 0));
  }
  let points: { label: string; value: number }[];
  if (year - start > 5) {
    const years = Array.from({ length: year - start + 1 }, (_, i) => String(start + i));
    const values = await pool(years, 4, (y) => count(y, y));
    points = years.map((label, i) => ({ label, value: values[i] }));
  } else {
    const qs = quarters(Date.UTC(start, 0, 1), now.getTime());
    const values = await pool(qs, 4, (q) => count(q.start, q.end));
    points = qs.map((q, i) => ({ label: q.label, value: values[i] }));
  }
  while (points.length && points[0].value === 0) points.shift();
  while (points.length && points[points.length - 1].value === 0) points.pop();
  return points;
}

export async function loadFacilities(signal: AbortSignal) {
  await afterHeadline();
  const r = await registry.facilities({ sort: 'detainees', limit: 100 }, signal);
  return { ...r, items: [...r.items].sort((a, b) => (b.detainees ?? 0) - (a.detainees ?? 0)) };
}

export async function loadRecent(signal: AbortSignal) {
  await afterHeadline();
  const [sources, persons] = await Promise.all([
    registry.sources({ limit: 6 }, signal),
    registry.persons({ sort: 'updated', limit: 6 }, signal),
  ]);
  return { sources: sources.items, sourcesTotal: sources.total, persons: persons.items };
}
