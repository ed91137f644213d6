/**
 * A registry filter in words: every rate carries its denominator described this way (or in the
 * caller's words), so a figure never travels without saying what it counts. Names of places appear
 * only when the caller passes them (public ones); sources are described by kind and reliability,
 * never by title.
 */
import type { RegistryFilter, Unit } from './registry-filter.schema';

export interface DescribeLabels {
  /** the public name of a facility, or null to describe it as "a selected place" */
  facility?: (id: string) => string | null;
}

const words = (code: string): string => code.replace(/_/g, ' ');

function either(items: readonly string[], joiner = 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${joiner} ${items[items.length - 1]}`;
}

function periodText(p: RegistryFilter['period']): string | null {
  if (!p || (!p.from && !p.to)) return null;
  if (p.from && p.to) return p.from === p.to ? `in ${p.from}` : `between ${p.from} and ${p.to}`;
  return p.from ? `from ${p.from} on` : `up to ${p.to}`;
}

function placeText(f: RegistryFilter['facilities'], labels: DescribeLabels): string | null {
  if (!f) return null;
  const parts: string[] = [];
  if (f.kinds) parts.push(`a ${either(f.kinds.map(words))}`);
  if (f.ids) {
    const named = f.ids.map((id) => labels.facility?.(id) ?? null);
    parts.push(named.every((n) => n !== null) ? either(named as string[]) : f.ids.length === 1 ? 'a selected place' : 'one of the selected places');
  }
  if (f.regions) parts.push(`in ${either(f.regions)}`);
  return parts.length ? parts.join(', ') : null;
}

function sourceText(s: RegistryFilter['sources']): string | null {
  if (!s) return null;
  const kind = s.kinds ? `${either(s.kinds.map(words))} source` : 'source';
  const rel = s.reliability ? ` rated ${either(s.reliability)} for reliability` : '';
  const ids = s.ids ? (s.ids.length === 1 ? ' (one selected source)' : ' (among the selected sources)') : '';
  return `${kind}${ids}${rel}`;
}

function allegationText(a: RegistryFilter['allegations']): string {
  if (!a) return 'an allegation';
  const what = a.types ? either(a.types.map(words)) : a.categories ? either(a.categories.map(words)) : 'any kind';
  const extra: string[] = [];
  if (a.verification) extra.push(`${either(a.verification)}`);
  if (a.maxCredibility !== undefined) extra.push(`credibility rated at least as high as ${['', 'confirmed', 'probably true', 'possibly true', 'doubtful', 'improbable', 'cannot be judged'][a.maxCredibility]}`);
  if (a.sourceKinds) extra.push(`reported by a ${either(a.sourceKinds.map(words))} source`);
  return `an allegation of ${what}${extra.length ? ` (${extra.join('; ')})` : ''}`;
}

const join = (parts: string[]): string => (parts.length > 1 ? `${parts[0]} ${parts.slice(1).join(', ')}` : parts[0]);

export function describeFilter(f: RegistryFilter, unit: Unit, labels: DescribeLabels = {}): string {
  const period = periodText(f.period);
  const place = placeText(f.facilities, labels);
  if (unit === 'allegations') {
    const parts = [`allegations of ${f.allegations?.types ? either(f.allegations.types.map(words)) : f.allegations?.categories ? either(f.allegations.categories.map(words)) : 'any kind'}`];
    if (f.allegations?.verification) parts.push(`with verification status ${either(f.allegations.verification)}`);
    if (f.allegations?.maxCredibility !== undefined) parts.push(`with credibility ${f.allegations.maxCredibility} or better`);
    if (place) parts.push(`at ${place}`);
    if (period) parts.push(`dated ${period}`);
    const src = sourceText(f.sources);
    if (src) parts.push(`reported by a ${src}`);
    if (f.allegations?.sourceKinds) parts.push(`reported by a ${either(f.allegations.sourceKinds.map(words))} source`);
    if (f.persons?.statuses) parts.push(`naming a victim whose current status is ${either(f.persons.statuses.map(words))}`);
    return join(parts);
  }
  const parts = ['persons'];
  if (f.persons?.statuses) parts.push(`whose current status is ${either(f.persons.statuses.map(words))}`);
  const src = sourceText(f.sources);
  if (src) parts.push(`described by at least one ${src}`);
  const on = f.period?.on ?? 'custody';
  if (place || (period && on === 'custody')) {
    parts.push(`held${place ? ` at ${place}` : ''}${period && on === 'custody' ? ` at some time ${period}` : ''}`);
  }
  if (period && on === 'status') parts.push(`whose status date falls ${period}`);
  if (f.allegations || (period && on === 'allegation')) {
    parts.push(`named as a victim in ${allegationText(f.allegations)}${period && on === 'allegation' ? ` dated ${period}` : ''}`);
  }
  return parts.length === 1 ? 'all persons in the registry' : join(parts);
}

/** Describes the numerator of a rate as a subset of its denominator. */
export function describeRate(denominator: string, numerator: string): string {
  return `${numerator}, among ${denominator}`;
}
