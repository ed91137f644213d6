/**
 * FEBRL benchmark files (test/fixtures/febrl, see SOURCE.md): ", "-separated CSV with a header;
 * the entity of a record is the N of rec-N-org / rec-N-dup-K. Parsing is pure (text in).
 */
import { parse } from 'csv-parse/sync';
import type { BlockingRuleInput } from '../block/blocking-rules';
import type { ComparisonSpec } from '../compare/comparison.types';
import type { LinkRecord } from '../record';

export interface FebrlRecord extends LinkRecord { entity: string }

export function parseFebrl(text: string, source?: string): FebrlRecord[] {
  const rows = parse(text, { columns: (h: string[]) => h.map((x) => x.trim()), trim: true, skip_empty_lines: true, relax_column_count: false }) as Record<string, string>[];
  return rows.map((r) => {
    const m = /^rec-(\d+)-/.exec(r.rec_id);
    if (!m) throw new Error(`FEBRL rec_id "${r.rec_id}" does not encode an entity`);
    return {
      id: r.rec_id, entity: m[1], source, givenName: r.given_name, familyName: r.surname, birthDate: r.date_of_birth,
      fields: { soc_sec_id: r.soc_sec_id, street_number: r.street_number, address_1: r.address_1, address_2: r.address_2, suburb: r.suburb, postcode: r.postcode, state: r.state },
    };
  });
}

/** Comparisons suited to FEBRL (Australian names and addresses). */
export const FEBRL_COMPARISONS: readonly ComparisonSpec[] = [
  { kind: 'name', field: 'givenName', tf: true },
  { kind: 'name', field: 'familyName', tf: true },
  { kind: 'date', field: 'birthDate' },
  { kind: 'identifier', field: 'soc_sec_id' },
  { kind: 'identifier', field: 'street_number' },
  { kind: 'text', field: 'address_1' },
  { kind: 'text', field: 'address_2' },
  { kind: 'text', field: 'suburb', tf: true },
  { kind: 'identifier', field: 'postcode' },
  { kind: 'category', field: 'state' },
];

export const FEBRL_BLOCKING: readonly BlockingRuleInput[] = [
  'familyName:key',
  'givenName:key',
  'birthDate:date',
  'soc_sec_id:value',
  'postcode:value+street_number:value',
  'familyName:phonetic+birthDate:year',
];
