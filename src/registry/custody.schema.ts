import { z } from 'zod';
import { listQuery, optText, partialDateText, refineOrder, sensitivity } from './common.schema';

const body = z.object({
  personRecordId: z.uuid(),
  facilityId: z.uuid(),
  sourceId: z.uuid(),
  from: partialDateText.nullish(),
  to: partialDateText.nullish(),
  notes: optText(5000),
  sensitivity: sensitivity.default('internal'),
});
export const custodyInput = body.superRefine(refineOrder('from', 'to'));
export const custodyUpdate = body.omit({ personRecordId: true }).partial().superRefine(refineOrder('from', 'to'));

export const custodyEpisode = z.object({
  id: z.uuid(),
  personRecordId: z.uuid(),
  personId: z.uuid().optional(),
  facilityId: z.uuid(),
  facilityName: z.string().optional(),
  sourceId: z.uuid(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  fromEarliest: z.string().nullable(),
  toLatest: z.string().nullable(),
  notes: z.string().nullable(),
  sensitivity: z.string(),
});
export type CustodyEpisode = z.infer<typeof custodyEpisode>;

export const custodyListQuery = listQuery.extend({
  personId: z.uuid().optional(),
  facilityId: z.uuid().optional(),
  sourceId: z.uuid().optional(),
});
