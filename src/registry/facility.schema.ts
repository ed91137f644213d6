import { z } from 'zod';
import { FACILITY_KINDS } from '../domain';
import { listQuery, optText, partialDateText, refineOrder, sensitivity } from './common.schema';

const facilityBody = z.object({
  name: z.string().trim().min(1).max(300),
  aliases: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
  kind: z.enum(FACILITY_KINDS).default('unknown'),
  settlement: optText(200),
  region: optText(200),
  country: optText(100),
  lat: z.number().min(-90).max(90).nullish(),
  lon: z.number().min(-180).max(180).nullish(),
  authority: optText(300),
  inUseFrom: partialDateText.nullish(),
  inUseTo: partialDateText.nullish(),
  notes: optText(10_000),
  sensitivity: sensitivity.default('internal'),
  published: z.boolean().default(false),
});

export const facilityInput = facilityBody.superRefine(refineOrder('inUseFrom', 'inUseTo'));
export type FacilityInput = z.input<typeof facilityInput>;
export const facilityUpdate = facilityBody.partial().superRefine(refineOrder('inUseFrom', 'inUseTo'));

export const facility = z.object({
  id: z.uuid(),
  name: z.string(),
  aliases: z.array(z.object({ name: z.string(), script: z.string() })),
  kind: z.string(),
  settlement: z.string().nullable(),
  region: z.string().nullable(),
  country: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  authority: z.string().nullable(),
  inUse: z.string().nullable(),
  notes: z.string().nullable(),
  sensitivity: z.string(),
  published: z.boolean(),
  score: z.number().optional(),
  detainees: z.number().int().optional(),
  allegations: z.number().int().optional(),
});
export type Facility = z.infer<typeof facility>;

export const facilityListQuery = listQuery.extend({
  kind: z.enum(FACILITY_KINDS).optional(),
  region: z.string().max(200).optional(),
  sort: z.enum(['relevance', 'name', 'detainees', 'allegations']).default('relevance'),
});
export type FacilityListQuery = z.infer<typeof facilityListQuery>;

export const dossier = z.object({
  facility,
  detaineesOverTime: z.array(z.object({ period: z.string(), persons: z.number().int() })),
  allegationsByType: z.array(z.object({ typeCode: z.string(), labelEn: z.string(), labelUk: z.string(), count: z.number().int() })),
  allegationsByPeriod: z.array(z.object({ period: z.string(), count: z.number().int() })),
  detainees: z.array(z.object({ personId: z.uuid(), displayName: z.string(), status: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
  testimonies: z.array(z.object({ sourceId: z.uuid(), title: z.string(), obtained: z.string().nullable(), reliability: z.string() })),
  evidence: z.array(z.object({ id: z.uuid(), sha256: z.string(), mediaType: z.string(), receivedAt: z.string(), fileName: z.string().nullable(), size: z.number().int(), logIndex: z.number().int() })),
});
export type Dossier = z.infer<typeof dossier>;
