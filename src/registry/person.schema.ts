import { z } from 'zod';
import { PERSON_STATUSES, SEXES } from '../domain';
import { listQuery, optText, partialDateText, sensitivity } from './common.schema';

const nameFields = {
  familyName: optText(200),
  givenName: optText(200),
  patronymic: optText(200),
  fullName: optText(400),
};

const recordBody = z.object({
  ...nameFields,
  birth: partialDateText.nullish(),
  birthPlace: optText(300),
  sex: z.enum(SEXES).default('unknown'),
  citizenship: optText(100),
  unit: optText(200),
  rank: optText(100),
  serviceNumber: optText(100),
  status: z.enum(PERSON_STATUSES).default('unknown'),
  statusDate: partialDateText.nullish(),
  sensitivity: sensitivity.default('internal'),
});

const hasName = (v: { familyName?: string | null; givenName?: string | null; fullName?: string | null }) =>
  Boolean(v.familyName || v.givenName || v.fullName);

export const personRecordInput = recordBody
  .extend({
    sourceId: z.uuid(),
    personId: z.uuid().nullish(),
    recordKey: optText(300),
    rowRef: optText(300),
  })
  .refine(hasName, { path: ['familyName'], message: 'a record needs a family name, a given name or a full name' });
export type PersonRecordInput = z.input<typeof personRecordInput>;

/** A correction: a new version of the record with these fields changed. */
export const personRecordCorrection = recordBody.partial();
export type PersonRecordCorrection = z.input<typeof personRecordCorrection>;

export const personUpdate = z.object({ published: z.boolean().optional(), sensitivity: sensitivity.optional() });

export const personRecord = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  sourceId: z.uuid(),
  sourceTitle: z.string().optional(),
  version: z.number().int(),
  supersedes: z.string().nullable(),
  isCurrent: z.boolean(),
  familyName: z.string().nullable(),
  givenName: z.string().nullable(),
  patronymic: z.string().nullable(),
  fullName: z.string().nullable(),
  script: z.string(),
  birth: z.string().nullable(),
  birthPlace: z.string().nullable(),
  sex: z.string(),
  citizenship: z.string().nullable(),
  unit: z.string().nullable(),
  rank: z.string().nullable(),
  serviceNumber: z.string().nullable(),
  status: z.string(),
  statusDate: z.string().nullable(),
  sensitivity: z.string(),
  rowRef: z.string().nullable(),
  createdAt: z.string(),
});
export type PersonRecord = z.infer<typeof personRecord>;

export const personSummary = z.object({
  id: z.uuid(),
  displayName: z.string(),
  displayNameLatin: z.string().nullable(),
  status: z.string(),
  statusDate: z.string().nullable(),
  birth: z.string().nullable(),
  recordCount: z.number().int(),
  sensitivity: z.string(),
  published: z.boolean(),
  score: z.number().optional(),
});
export type PersonSummary = z.infer<typeof personSummary>;

export const personDetail = personSummary.extend({
  names: z.array(z.object({ script: z.string(), name: z.string(), sources: z.number().int() })),
  records: z.array(personRecord),
});
export type PersonDetail = z.infer<typeof personDetail>;

export const personListQuery = listQuery.extend({
  status: z.enum(PERSON_STATUSES).optional(),
  facilityId: z.uuid().optional(),
  sourceId: z.uuid().optional(),
  from: partialDateText.optional(),
  to: partialDateText.optional(),
  sort: z.enum(['relevance', 'name', 'status', 'updated']).default('relevance'),
});
export type PersonListQuery = z.infer<typeof personListQuery>;
