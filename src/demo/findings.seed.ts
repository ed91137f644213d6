/**
 * Demo findings: a handful of published findings over the synthetic demo world, so that briefings
 * and the findings pages have something to show. Statements hold no hand-written numbers: every
 * figure is a placeholder filled from the computed value.
 */
import type { Db } from '../db';
import { FindingService, type FindingInput } from '../findings';
import type { Workspace } from '../workspace';
import { DEMO_ACTOR } from './seed';

export const DEMO_FINDINGS: FindingInput[] = [
  {
    slug: 'persons-documented', title: 'Persons documented',
    statement: 'The registry documents {count} people who went missing, were captured or were held.',
    query: { kind: 'count', unit: 'persons', where: {} },
  },
  {
    slug: 'released-interviewed-torture', title: 'Torture reported by released detainees',
    statement: 'Of the released detainees interviewed, {percent} ({numerator} of {denominator}) described torture ({level} interval {lower} to {upper}).',
    query: {
      kind: 'rate', unit: 'persons', stratify: 'facility',
      denominator: { persons: { statuses: ['released'] }, sources: { kinds: ['testimony'] } },
      numerator: { allegations: { categories: ['torture'] } },
      denominatorText: 'released persons interviewed (described by at least one testimony)',
      numeratorText: 'named as a victim in at least one allegation of torture',
    },
    method: { name: 'proportion', interval: 'wilson', level: 0.95 },
  },
  {
    slug: 'torture-allegations', title: 'Allegations of torture',
    statement: 'Sources report {count} incidents of torture.',
    query: { kind: 'count', unit: 'allegations', where: { allegations: { categories: ['torture'] } } },
  },
  {
    slug: 'deaths-in-custody', title: 'Deaths in custody',
    statement: 'Of the persons known to have been held, {percent} ({numerator} of {denominator}) died or were killed in custody ({level} interval {lower} to {upper}).',
    query: {
      kind: 'rate', unit: 'persons',
      denominator: { facilities: { kinds: ['pretrial_detention_centre', 'penal_colony', 'temporary_site', 'filtration_point', 'military_base', 'unknown'] } },
      numerator: { persons: { statuses: ['died_in_custody', 'executed'] } },
      denominatorText: 'persons with at least one recorded custody episode',
    },
  },
  {
    slug: 'allegations-by-type', title: 'Allegations by type',
    statement: 'Of {total} allegations, the most frequent kind is {top} ({topCount}).',
    query: { kind: 'list', unit: 'allegations', by: 'type', limit: 8, where: {} },
  },
  {
    slug: 'torture-by-first-place', title: 'Where persons reporting torture were first held',
    statement: 'Persons who reported torture were most often first held at {top} ({topCount} of {total}).',
    query: { kind: 'list', unit: 'persons', by: 'facility', limit: 8, where: { allegations: { categories: ['torture'] } } },
  },
  {
    slug: 'captives-total-estimate', title: 'How many were captured: an estimate from three lists',
    statement: 'An estimated {N} servicemen were captured or went missing ({level} interval {lower} to {upper}); {n} appear on at least one of the three lists.',
    query: { kind: 'mse', lists: ['Missing servicemen list (synthetic)', 'Captions of captivity videos (synthetic)', 'Registry of captured servicemen (synthetic)'] },
    method: { name: 'mse', model: 'best-bic', ci: 'profile', level: 0.95 },
  },
];

/** Adds, reviews and publishes the demo findings inside the seeding transaction. */
export async function seedDemoFindings(ws: Workspace, tx: Db): Promise<number> {
  if (ws.meta.kind !== 'demo') throw new Error('demo findings go only into demo workspaces');
  const service = new FindingService(ws.database.db);
  for (const input of DEMO_FINDINGS) {
    const f = await service.create(DEMO_ACTOR, input, tx);
    await service.review(DEMO_ACTOR, f.id, 'Demo data: reviewed by the generator.', tx);
    await service.publish(DEMO_ACTOR, f.id, tx);
  }
  return DEMO_FINDINGS.length;
}
