/** The person record the linkage engine reads. All fields are free text as found in the source. */
export interface LinkRecord {
  id: string;
  /** Source list or data set; used for link-only-across-sources mode and the one-per-source guard. */
  source?: string;
  familyName?: string;
  givenName?: string;
  patronymic?: string;
  /** Whole name when the parts are not separated; split by `splitFullName` (any order, initials allowed). */
  fullName?: string;
  /** Birth date as written: a partial date (1990, 1990-03, 1990-03-14, ranges), DD.MM.YYYY, YYYYMMDD … */
  birthDate?: string;
  sex?: string;
  unit?: string;
  rank?: string;
  serviceNumber?: string;
  birthPlace?: string;
  /** Any other fields a configured comparison or blocking rule names (FEBRL: address_1, suburb, postcode …). */
  fields?: Readonly<Record<string, string | undefined>>;
}

/** The value of a named field: a known property or an entry of `fields`. Empty / whitespace-only counts as missing. */
export function fieldValue(r: LinkRecord, field: string): string | undefined {
  const v = (r as unknown as Record<string, unknown>)[field];
  const s = typeof v === 'string' ? v : r.fields?.[field];
  if (s === undefined) return undefined;
  const t = s.trim();
  return t === '' ? undefined : t;
}
