import { z } from 'zod';
import { VERIFICATION_STATUSES } from '../domain';
import { listQuery, optText, partialDateText, sensitivity } from './common.schema';

export const victimRef = z.object({ personId: z.uuid().nullish(), personRecordId: z.uuid().nullish() })
  .refine((v) => Boolean(v.personId || v.personRecordId), { message: 'a victim needs personId or personRecordId' });
export const perpetratorInput = z.object({
  kind: z.enum(['unit', 'call_sign', 'individual', 'authority', 'unknown']),
  name: z.string().trim().min(1).max(300),
  notes: optText(2000),
});

export const allegationInput = z.object({
  typeCode: z.string().trim().min(1).max(60),
  when: partialDateText.nullish(),
  facilityId: z.uuid().nullish(),
  place: optText(300),
  narrative: optText(50_000),
  sourceId: z.uuid(),
  credibility: z.number().int().min(1).max(6).default(6),
  status: z.enum(VERIFICATION_STATUSES).default('reported'),
  sensitivity: sensitivity.default('internal'),
  published: z.boolean().default(false),
  victims: z.array(victimRef).max(500).default([]),
  perpetrators: z.array(perpetratorInput).max(100).default([]),
});
export type AllegationInput = z.input<typeof allegationInput>;
export const allegationUpdate = allegationInput.omit({ sourceId: true }).partial();

export const allegation = z.object({
  id: z.uuid(),
  typeCode: z.string(),
  typeLabelEn: z.string().optional(),
  typeLabelUk: z.string().optional(),
  when: z.string().nullable(),
  facilityId: z.string().nullable(),
  facilityName: z.string().nullable().optional(),
  place: z.string().nullable(),
  narrative: z.string().nullable(),
  sourceId: z.uuid(),
  credibility: z.number().int(),
  status: z.string(),
  sensitivity: z.string(),
  published: z.boolean(),
  victims: z.array(z.object({ personId: z.string().nullable(), personRecordId: z.string().nullable() })),
  perpetrators: z.array(z.object({ kind: z.string(), name: z.string(), notes: z.string().nullable() })),
  createdAt: z.string(),
});
export type Allegation = z.infer<typeof allegation>;

export const allegationListQuery = listQuery.extend({
  typeCode: z.string().max(60).optional(),
  facilityId: z.uuid().optional(),
  personId: z.uuid().optional(),
  sourceId: z.uuid().optional(),
  status: z.enum(VERIFICATION_STATUSES).optional(),
  from: partialDateText.optional(),
  to: partialDateText.optional(),
});

export const allegationType = z.object({ code: z.string(), category: z.string(), labelEn: z.string(), labelUk: z.string() });
