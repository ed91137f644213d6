import { ALLEGATION_TYPES, type Actor } from '../domain';
import { inTransaction, type Db } from '../db';
import type { Workspace } from '../workspace';
import { seedDemoEvidence } from './evidence.seed';
import { demoFacilities } from './facilities.data';
import { demoIndividuals, latin, typo, type DemoIndividual } from './people';
import { rng, type Rng } from './random';

export const DEMO_ACTOR: Actor = { id: 'demo-generator', role: 'system' };

export interface DemoCounts { sources: number; records: number; facilities: number; episodes: number; allegations: number; persons: number; reviewQueue: number }

export interface DemoOptions {
  individuals?: number;
  seed?: number;
  /** Run record linkage after seeding (default true), so persons, the review queue and the MSE finding reflect linked records. */
  link?: boolean;
  /** Told when a step starts (for progress output). */
  onStep?: (step: 'records' | 'linkage' | 'findings') => void;
}

type Fate = 'released' | 'held' | 'died_in_custody' | 'executed' | 'missing';
const fateOf = (r: Rng): Fate => { const x = r.next(); return x < 0.25 ? 'released' : x < 0.8 ? 'held' : x < 0.83 ? 'died_in_custody' : x < 0.85 ? 'executed' : 'missing'; };
const month = (r: Rng, y0: number, y1: number) => `${r.int(y0, y1)}-${String(r.int(1, 12)).padStart(2, '0')}`;

/**
 * Fills a DEMO workspace with a synthetic world: invented persons described by several sources in
 * Ukrainian, Russian and Latin spellings, invented facilities, custody episodes and allegations.
 * Refuses to run on a real workspace.
 */
export async function seedDemo(ws: Workspace, opts: DemoOptions = {}): Promise<DemoCounts> {
  if (ws.meta.kind !== 'demo') throw new Error('demo data goes only into demo workspaces');
  opts.onStep?.('records');
  const counts = await seedDemoRecords(ws, opts);
  let persons = counts.records, reviewQueue = 0;
  if (opts.link !== false) {
    // Linkage as a user would run it: records of one invented individual become one person where the
    // model is sure, and the uncertain pairs wait in the review queue.
    opts.onStep?.('linkage');
    const { personsLinkage } = await import('../persons-linkage');
    const run = await personsLinkage(ws.database.db).runs.run(DEMO_ACTOR, {});
    persons = run.persons;
    reviewQueue = run.reviewQueue;
  }
  opts.onStep?.('findings');
  await inTransaction(ws.database.db, async (tx: Db) => (await import('./findings.seed')).seedDemoFindings(ws, tx));
  return { ...counts, persons, reviewQueue };
}

async function seedDemoRecords(ws: Workspace, opts: DemoOptions): Promise<Omit<DemoCounts, 'persons' | 'reviewQueue'>> {
  const r = rng(opts.seed ?? 20250301);
  const people = demoIndividuals(r, opts.individuals ?? 1600);
  const fates = people.map(() => fateOf(r));
  const reg = ws.registry;
  return inTransaction(ws.database.db, async (tx: Db) => {
    const facilities: { id: string }[] = [];
    for (const f of demoFacilities(30)) {
      facilities.push(await reg.facilities.create(DEMO_ACTOR, {
        name: f.uk, aliases: [f.ru, f.en], kind: f.kind, settlement: f.settlement, region: f.region, country: f.country,
        lat: f.lat, lon: f.lon, authority: f.authority, inUseFrom: '2022-03', published: true, sensitivity: 'public',
        notes: 'Invented facility (demo data).',
      }, tx));
    }
    const src = async (kind: string, title: string, origin: string, language: string, reliability: string, obtained: string) =>
      reg.sources.create(DEMO_ACTOR, { kind, title, origin, language, reliability, obtained, notes: 'Synthetic demo source.', published: kind !== 'testimony', sensitivity: kind === 'testimony' ? 'internal' : 'public' }, tx);
    const family = await src('list', 'Missing servicemen list (synthetic)', 'Invented Families Association', 'uk', 'B', '2024-09');
    const exchange = await src('official_statement', 'Released persons, exchange lists (synthetic)', 'Invented Coordination HQ', 'en', 'A', '2024-11');
    const channel = await src('social_media_post', 'Captions of captivity videos (synthetic)', 'Invented Telegram channel', 'ru', 'E', '2024-06');
    const ministry = await src('list', 'Registry of captured servicemen (synthetic)', 'Invented Ministry', 'en', 'B', '2024-10');

    const recs: { input: Record<string, unknown>; who: number; source: string }[] = [];
    people.forEach((p, i) => {
      const fate = fates[i];
      const lost = month(r, 2022, 2024);
      if (r.chance(0.7)) recs.push({ who: i, source: family.id, input: { sourceId: family.id, familyName: r.chance(0.05) ? typo(r, p.familyUk) : p.familyUk, givenName: p.givenUk, patronymic: p.patronymicUk, birth: r.chance(0.1) ? p.birth.slice(0, 4) : p.birth, sex: p.sex, unit: p.unit, rank: p.rank, status: 'missing', statusDate: lost, citizenship: 'UA' } });
      if (fate === 'released') recs.push({ who: i, source: exchange.id, input: { sourceId: exchange.id, familyName: latin(p.familyUk, 'uk', 'ua-national'), givenName: latin(p.givenUk, 'uk', 'ua-national'), birth: p.birth, sex: p.sex, status: 'released', statusDate: `${month(r, 2023, 2024)}-${String(r.int(1, 28)).padStart(2, '0')}` } });
      if (fate !== 'missing' && r.chance(0.35)) recs.push({ who: i, source: channel.id, input: { sourceId: channel.id, fullName: `${p.givenRu} ${p.familyRu}`, birth: r.chance(0.7) ? p.birth.slice(0, 4) : null, sex: p.sex, status: fate === 'executed' ? 'executed' : 'seen_in_custody', statusDate: lost } });
      if (fate !== 'missing' && r.chance(0.45)) recs.push({ who: i, source: ministry.id, input: { sourceId: ministry.id, familyName: latin(p.familyUk, 'uk', 'icao-9303').toUpperCase(), givenName: latin(p.givenUk, 'uk', 'icao-9303').toUpperCase(), birth: p.birth, sex: p.sex, serviceNumber: p.serviceNumber, unit: p.unit, status: fate === 'died_in_custody' ? 'died_in_custody' : 'captured', statusDate: lost } });
    });
    const added = await reg.persons.addRecordsBulk(DEMO_ACTOR, tx, recs.map((x) => x.input));

    // Custody episodes from the channel and ministry records; allegations of forced confession from the videos.
    let episodes = 0, allegations = 0;
    const home = people.map(() => r.pick(facilities));
    for (const [k, rec] of added.entries()) {
      const meta = recs[k];
      if (meta.source !== channel.id && meta.source !== ministry.id) continue;
      const from = (meta.input.statusDate as string) ?? month(r, 2022, 2024);
      const to = fates[meta.who] === 'released' && r.chance(0.6) ? `${Number(from.slice(0, 4)) + 1}-${from.slice(5, 7)}` : null;
      await reg.custody.create(DEMO_ACTOR, { personRecordId: rec.id, facilityId: home[meta.who].id, sourceId: meta.source, from, to }, tx);
      episodes++;
      if (meta.source === channel.id && r.chance(0.3)) {
        await reg.allegations.create(DEMO_ACTOR, { typeCode: 'forced_confession', when: from, facilityId: home[meta.who].id, sourceId: channel.id, credibility: 3, victims: [{ personRecordId: rec.id }], narrative: 'Synthetic: a captivity video shows the person reading a prepared statement.', published: true, sensitivity: 'public' }, tx);
        allegations++;
      }
    }
    const counts = await seedTestimonies(ws, tx, r, people, fates, home, facilities.map((f) => f.id));
    await seedDemoEvidence(ws, DEMO_ACTOR, tx, channel.id);
    return { sources: 4 + counts.sources, records: added.length + counts.records, facilities: facilities.length, episodes: episodes + counts.episodes, allegations: allegations + counts.allegations };
  });
}

const TORTURE = ALLEGATION_TYPES.filter((t) => !['execution', 'death_in_custody', 'forced_confession', 'enforced_disappearance'].includes(t.code)).map((t) => t.code);

/** Testimonies of released persons: the witness's own record, fellow detainees seen, custody and allegations. */
async function seedTestimonies(ws: Workspace, tx: Db, r: Rng, people: DemoIndividual[], fates: Fate[], home: { id: string }[], facilityIds: string[]) {
  const reg = ws.registry;
  const released = people.filter((_, i) => fates[i] === 'released').slice(0, 60);
  let records = 0, episodes = 0, allegations = 0;
  for (const [t, w] of released.entries()) {
    const obtained = `${r.int(2023, 2024)}-${String(r.int(1, 12)).padStart(2, '0')}`;
    const s = await reg.sources.create(DEMO_ACTOR, { kind: 'testimony', title: `Interview T-${String(t + 1).padStart(3, '0')} (synthetic)`, origin: 'Invented Monitoring Mission', language: 'uk', reliability: r.pick(['B', 'C']), obtained, sensitivity: 'internal', notes: 'Synthetic testimony; the witness is invented.' }, tx);
    const facility = home[w.n].id;
    const from = month(r, 2022, 2023);
    const to = `${Number(from.slice(0, 4)) + 1}-${String(r.int(1, 12)).padStart(2, '0')}`;
    const seen = [w, ...Array.from({ length: r.int(1, 4) }, () => r.pick(people))];
    const recIds: string[] = [];
    for (const [k, p] of seen.entries()) {
      const rec = await reg.persons.addRecord(DEMO_ACTOR, { sourceId: s.id, familyName: p.familyUk, givenName: k > 0 && r.chance(0.4) ? undefined : p.givenUk, birth: k === 0 ? p.birth : undefined, sex: p.sex, unit: r.chance(0.5) ? p.unit : undefined, status: k === 0 ? 'released' : 'seen_in_custody', statusDate: k === 0 ? to : from }, tx);
      await reg.custody.create(DEMO_ACTOR, { personRecordId: rec.id, facilityId: k === 0 ? facility : r.chance(0.8) ? facility : r.pick(facilityIds), sourceId: s.id, from: k === 0 ? from : `${from}/${to}`, to: k === 0 ? to : null }, tx);
      recIds.push(rec.id);
      records++; episodes++;
    }
    for (let a = 0, n = r.int(1, 4); a < n; a++) {
      const typeCode = r.chance(0.1) ? 'denial_medical_care' : r.pick(TORTURE);
      await reg.allegations.create(DEMO_ACTOR, {
        typeCode, when: `${from}/${to}`, facilityId: facility, sourceId: s.id, credibility: r.int(2, 3), status: r.chance(0.3) ? 'corroborated' : 'reported',
        victims: recIds.slice(0, r.int(1, recIds.length)).map((id) => ({ personRecordId: id })),
        perpetrators: r.chance(0.5) ? [{ kind: 'call_sign', name: `"${r.pick(['Grom', 'Volk', 'Sever', 'Kedr', 'Tuman'])}" (invented call sign)` }] : [],
        narrative: 'Synthetic narrative for the demo workspace.', published: r.chance(0.5), sensitivity: 'internal',
      }, tx);
      allegations++;
    }
    if (r.chance(0.1)) {
      const victim = recIds[recIds.length - 1];
      await reg.allegations.create(DEMO_ACTOR, { typeCode: r.chance(0.5) ? 'death_in_custody' : 'execution', when: to, facilityId: facility, sourceId: s.id, credibility: 3, victims: [{ personRecordId: victim }], narrative: 'Synthetic narrative.', sensitivity: 'internal' }, tx);
      allegations++;
    }
  }
  return { sources: released.length, records, episodes, allegations };
}
