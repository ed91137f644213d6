/** The fields a column can be mapped to, per kind of list (the importers' vocabulary; the preview may send its own). */
export const LIST_KINDS = ['persons', 'custody', 'allegations'] as const;
const PERSON = ['familyName', 'givenName', 'patronymic', 'fullName', 'birthDate', 'sex', 'citizenship', 'unit', 'rank', 'serviceNumber', 'status', 'statusDate', 'birthPlace'];
const COMMON = ['externalId', 'source', 'notes'];
export const FIELDS_BY_KIND: Record<string, string[]> = {
  persons: [...PERSON, ...COMMON],
  custody: [...PERSON, 'facility', 'from', 'to', ...COMMON],
  allegations: [...PERSON, 'types', 'date', 'facility', 'place', 'victimNames', 'perpetrators', 'narrative', 'credibility', ...COMMON],
};
