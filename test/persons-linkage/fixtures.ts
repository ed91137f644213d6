/**
 * Synthetic people for linkage tests: invented individuals (src/demo) described by up to four
 * sources in Ukrainian Cyrillic, Russian Cyrillic and two Latin romanisations. Returns the record
 * ids with the individual each describes (the ground truth).
 */
import { SYSTEM } from '../../src/domain';
import { demoIndividuals, latin, rng, type DemoIndividual } from '../../src/demo';
import { pairwiseMetrics } from '../../src/linkage';
import type { Workspace } from '../../src/workspace';

export interface Seeded { people: DemoIndividual[]; truth: Map<string, number>; sources: Record<'family' | 'exchange' | 'channel' | 'ministry', string> }

export async function seedPeople(ws: Workspace, opts: { count: number; seed?: number; sources?: Seeded['sources'] }): Promise<Seeded> {
  const r = rng(opts.seed ?? 7);
  const people = demoIndividuals(r, opts.count);
  const reg = ws.registry;
  const sources = opts.sources ?? {
    family: (await reg.sources.create(SYSTEM, { kind: 'list', title: 'Synthetic family list', reliability: 'B' })).id,
    exchange: (await reg.sources.create(SYSTEM, { kind: 'list', title: 'Synthetic exchange list', reliability: 'A' })).id,
    channel: (await reg.sources.create(SYSTEM, { kind: 'list', title: 'Synthetic channel captions', reliability: 'E' })).id,
    ministry: (await reg.sources.create(SYSTEM, { kind: 'list', title: 'Synthetic ministry registry', reliability: 'B' })).id,
  };
  const inputs: { who: number; input: Record<string, unknown> }[] = [];
  people.forEach((p, i) => {
    inputs.push({ who: i, input: { sourceId: sources.family, familyName: p.familyUk, givenName: p.givenUk, patronymic: p.patronymicUk, birth: p.birth, sex: p.sex, unit: p.unit, rank: p.rank, status: 'missing' } });
    if (r.chance(0.6)) inputs.push({ who: i, input: { sourceId: sources.exchange, familyName: latin(p.familyUk, 'uk', 'ua-national'), givenName: latin(p.givenUk, 'uk', 'ua-national'), birth: p.birth, sex: p.sex, status: 'released' } });
    if (r.chance(0.5)) inputs.push({ who: i, input: { sourceId: sources.channel, fullName: `${p.givenRu} ${p.familyRu}`, birth: p.birth.slice(0, 4), sex: p.sex, status: 'seen_in_custody' } });
    // Mentions in a testimony: the family name, sometimes the given name, the unit (weak records: the review band).
    if (r.chance(0.3)) inputs.push({ who: i, input: { sourceId: sources.channel, familyName: p.familyUk, givenName: r.chance(0.5) ? p.givenUk : undefined, unit: p.unit, status: 'seen_in_custody' } });
    if (r.chance(0.6)) inputs.push({ who: i, input: { sourceId: sources.ministry, familyName: latin(p.familyUk, 'uk', 'icao-9303').toUpperCase(), givenName: latin(p.givenUk, 'uk', 'icao-9303').toUpperCase(), birth: p.birth, sex: p.sex, serviceNumber: p.serviceNumber, unit: p.unit, status: 'captured' } });
  });
  const added = await ws.database.db.transaction((tx) => reg.persons.addRecordsBulk(SYSTEM, tx as never, inputs.map((x) => x.input)));
  const truth = new Map(added.map((rec, k) => [rec.id, inputs[k].who]));
  return { people, truth, sources };
}

/** Pairwise precision and recall of persons (record → person) against the truth (record → individual). */
export function pairMetrics(personOf: Map<string, string>, truth: Map<string, number>) {
  const ids = [...truth.keys()].filter((id) => personOf.has(id));
  const m = pairwiseMetrics(ids.map((id) => personOf.get(id)!), ids.map((id) => truth.get(id)!));
  return { ...m, persons: new Set(ids.map((id) => personOf.get(id))).size, individuals: new Set(truth.values()).size };
}
