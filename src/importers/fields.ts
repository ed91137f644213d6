/** The three kinds of list and the fields a column can be mapped to. */

export const LIST_KINDS = ['persons', 'custody', 'allegations'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export const PERSON_FIELDS = [
  'familyName', 'givenName', 'patronymic', 'fullName', 'birthDate', 'sex', 'citizenship',
  'unit', 'rank', 'serviceNumber', 'status', 'statusDate', 'birthPlace',
] as const;
export const CUSTODY_ONLY_FIELDS = ['facility', 'from', 'to'] as const;
export const ALLEGATION_ONLY_FIELDS = ['types', 'date', 'facility', 'place', 'victimNames', 'perpetrators', 'narrative', 'credibility'] as const;
/** Fields every kind may carry: a row identifier of the list, a source reference, free notes. */
export const COMMON_FIELDS = ['externalId', 'source', 'notes'] as const;

export type PersonField = (typeof PERSON_FIELDS)[number];
export type Field =
  | PersonField
  | (typeof CUSTODY_ONLY_FIELDS)[number]
  | (typeof ALLEGATION_ONLY_FIELDS)[number]
  | (typeof COMMON_FIELDS)[number];

export const ALL_FIELDS: readonly Field[] = [
  ...new Set<Field>([...PERSON_FIELDS, ...CUSTODY_ONLY_FIELDS, ...ALLEGATION_ONLY_FIELDS, ...COMMON_FIELDS]),
];

export const FIELDS_BY_KIND: Record<ListKind, readonly Field[]> = {
  persons: [...PERSON_FIELDS, ...COMMON_FIELDS],
  custody: [...PERSON_FIELDS, ...CUSTODY_ONLY_FIELDS, ...COMMON_FIELDS],
  allegations: [...PERSON_FIELDS, ...ALLEGATION_ONLY_FIELDS, ...COMMON_FIELDS],
};

/** Fields whose values are partial dates. */
export const DATE_FIELDS: ReadonlySet<Field> = new Set<Field>(['birthDate', 'statusDate', 'from', 'to', 'date']);

/** Field names accepted in mapping files besides the canonical ones. */
export const FIELD_ALIASES: Record<string, Field> = { type: 'types', victims: 'victimNames', perpetrator: 'perpetrators' };

export function isField(s: string): s is Field {
  return (ALL_FIELDS as readonly string[]).includes(s);
}

export function fieldsOf(kind: ListKind): readonly Field[] {
  return FIELDS_BY_KIND[kind];
}
