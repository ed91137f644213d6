/**
 * Ground truth of the demo workspace, for measuring record linkage: which invented individual each
 * person record describes. Never written into a workspace. It replays `seedDemo`'s random stream
 * (same seed, same draws in the same order) without touching a database, and matches the records it
 * would write to the records of a seeded workspace by their content. `matchDemoTruth` reports records
 * it could not place: if seed.ts changes its draws, that number stops being zero (the linkage test
 * and benchmark check it).
 */
import { ALLEGATION_TYPES } from '../domain';
import { demoIndividuals, latin, typo, type DemoIndividual } from './people';
import { rng, type Rng } from './random';

type Fate = 'released' | 'held' | 'died_in_custody' | 'executed' | 'missing';
const fateOf = (r: Rng): Fate => { const x = r.next(); return x < 0.25 ? 'released' : x < 0.8 ? 'held' : x < 0.83 ? 'died_in_custody' : x < 0.85 ? 'executed' : 'missing'; };
const month = (r: Rng, y0: number, y1: number) => `${r.int(y0, y1)}-${String(r.int(1, 12)).padStart(2, '0')}`;
const TORTURE = ALLEGATION_TYPES.filter((t) => !['execution', 'death_in_custody', 'forced_confession', 'enforced_disappearance'].includes(t.code)).map((t) => t.code);

/** The fields a demo record is matched on (as stored: null when absent). */
export interface DemoRecordContent {
  sourceTitle: string;
  familyName: string | null; givenName: string | null; patronymic: string | null; fullName: string | null;
  birth: string | null; unit: string | null; serviceNumber: string | null; status: string; statusDate: string | null;
}
export interface DemoTruthRecord extends DemoRecordContent { who: number }

const FAMILY = 'Missing servicemen list (synthetic)', EXCHANGE = 'Released persons, exchange lists (synthetic)';
const CHANNEL = 'Captions of captivity videos (synthetic)', MINISTRY = 'Registry of captured servicemen (synthetic)';

/** The records `seedDemo(ws, opts)` writes, each with the index of the individual it describes. */
export function demoGroundTruth(opts: { individuals?: number; seed?: number } = {}): { individuals: DemoIndividual[]; records: DemoTruthRecord[] } {
  const r = rng(opts.seed ?? 20250301);
  const people = demoIndividuals(r, opts.individuals ?? 1600);
  const fates = people.map(() => fateOf(r));
  const recs: DemoTruthRecord[] = [];
  const rec = (who: number, c: Partial<DemoRecordContent> & { sourceTitle: string; status: string }) => recs.push({
    who, familyName: null, givenName: null, patronymic: null, fullName: null, birth: null, unit: null, serviceNumber: null, statusDate: null, ...c,
  });
  people.forEach((p, i) => {
    const fate = fates[i];
    const lost = month(r, 2022, 2024);
    if (r.chance(0.7)) {
      const familyName = r.chance(0.05) ? typo(r, p.familyUk) : p.familyUk;
      const birth = r.chance(0.1) ? p.birth.slice(0, 4) : p.birth;
      rec(i, { sourceTitle: FAMILY, familyName, givenName: p.givenUk, patronymic: p.patronymicUk, birth, unit: p.unit, status: 'missing', statusDate: lost });
    }
    if (fate === 'released') {
      const statusDate = `${month(r, 2023, 2024)}-${String(r.int(1, 28)).padStart(2, '0')}`;
      rec(i, { sourceTitle: EXCHANGE, familyName: latin(p.familyUk, 'uk', 'ua-national'), givenName: latin(p.givenUk, 'uk', 'ua-national'), birth: p.birth, status: 'released', statusDate });
    }
    if (fate !== 'missing' && r.chance(0.35)) {
      const birth = r.chance(0.7) ? p.birth.slice(0, 4) : null;
      rec(i, { sourceTitle: CHANNEL, fullName: `${p.givenRu} ${p.familyRu}`, birth, status: fate === 'executed' ? 'executed' : 'seen_in_custody', statusDate: lost });
    }
    if (fate !== 'missing' && r.chance(0.45)) {
      rec(i, { sourceTitle: MINISTRY, familyName: latin(p.familyUk, 'uk', 'icao-9303').toUpperCase(), givenName: latin(p.givenUk, 'uk', 'icao-9303').toUpperCase(), birth: p.birth, serviceNumber: p.serviceNumber, unit: p.unit, status: fate === 'died_in_custody' ? 'died_in_custody' : 'captured', statusDate: lost });
    }
  });
  // Custody episodes and allegations of the list records draw too.
  people.forEach(() => r.next());
  for (const x of recs) {
    if (x.sourceTitle !== CHANNEL && x.sourceTitle !== MINISTRY) continue;
    if (fates[x.who] === 'released') r.chance(0.6);
    if (x.sourceTitle === CHANNEL) r.chance(0.3);
  }
  // Testimonies of released persons: the witness and fellow detainees.
  const released = people.filter((_, i) => fates[i] === 'released').slice(0, 60);
  for (const [t, w] of released.entries()) {
    const title = `Interview T-${String(t + 1).padStart(3, '0')} (synthetic)`;
    r.int(2023, 2024); r.int(1, 12); r.pick(['B', 'C']);
    const from = month(r, 2022, 2023);
    const to = `${Number(from.slice(0, 4)) + 1}-${String(r.int(1, 12)).padStart(2, '0')}`;
    const seen = [w, ...Array.from({ length: r.int(1, 4) }, () => r.pick(people))];
    const recIds: number[] = [];
    for (const [k, p] of seen.entries()) {
      const givenName = k > 0 && r.chance(0.4) ? null : p.givenUk;
      const unit = r.chance(0.5) ? p.unit : null;
      rec(p.n, { sourceTitle: title, familyName: p.familyUk, givenName, birth: k === 0 ? p.birth : null, unit, status: k === 0 ? 'released' : 'seen_in_custody', statusDate: k === 0 ? to : from });
      if (k > 0 && !r.chance(0.8)) r.next();
      recIds.push(k);
    }
    for (let a = 0, n = r.int(1, 4); a < n; a++) {
      if (!r.chance(0.1)) r.pick(TORTURE);
      r.int(2, 3); r.chance(0.3); r.int(1, recIds.length);
      if (r.chance(0.5)) r.next();
      r.chance(0.5);
    }
    if (r.chance(0.1)) r.chance(0.5);
  }
  return { individuals: people, records: recs };
}

const keyOf = (c: DemoRecordContent) => JSON.stringify([c.sourceTitle, c.familyName, c.givenName, c.patronymic, c.fullName, c.birth, c.unit, c.serviceNumber, c.status, c.statusDate]);

/**
 * Places stored records (with their source's title) on the individuals they describe. Records with
 * identical content are interchangeable and placed in order. `unmatched` counts records the replay
 * does not know (zero on an untouched demo workspace).
 */
export function matchDemoTruth(rows: readonly (DemoRecordContent & { id: string })[], opts: { individuals?: number; seed?: number } = {}): { truth: Map<string, number>; unmatched: number; expected: number } {
  const { records } = demoGroundTruth(opts);
  const pool = new Map<string, number[]>();
  for (const x of records) (pool.get(keyOf(x)) ?? pool.set(keyOf(x), []).get(keyOf(x))!).push(x.who);
  const truth = new Map<string, number>();
  let unmatched = 0;
  for (const row of rows) {
    const who = pool.get(keyOf(row))?.shift();
    if (who === undefined) unmatched++;
    else truth.set(row.id, who);
  }
  return { truth, unmatched, expected: records.length };
}
