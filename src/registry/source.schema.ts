import { z } from 'zod';
import { RELIABILITY, SOURCE_KINDS } from '../domain';
import { listQuery, optText, partialDateText, sensitivity } from './common.schema';

export const sourceInput = z.object({
  kind: z.enum(SOURCE_KINDS),
  title: z.string().trim().min(1).max(500),
  origin: optText(300),
  language: optText(20),
  obtained: partialDateText.nullish(),
  reliability: z.enum(RELIABILITY).default('F'),
  sensitivity: sensitivity.default('internal'),
  published: z.boolean().default(false),
  url: z.url().max(2000).nullish(),
  fileSha256: z.string().regex(/^[0-9a-f]{64}$/).nullish(),
  notes: optText(10_000),
});
export type SourceInput = z.input<typeof sourceInput>;
export const sourceUpdate = sourceInput.partial();
export type SourceUpdate = z.input<typeof sourceUpdate>;

export const source = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  origin: z.string().nullable(),
  language: z.string().nullable(),
  obtained: z.string().nullable(),
  reliability: z.string(),
  sensitivity: z.string(),
  published: z.boolean(),
  url: z.string().nullable(),
  fileSha256: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  recordCount: z.number().int().optional(),
});
export type Source = z.infer<typeof source>;

export const sourceListQuery = listQuery.extend({
  kind: z.enum(SOURCE_KINDS).optional(),
  reliability: z.enum(RELIABILITY).optional(),
});
export type SourceListQuery = z.infer<typeof sourceListQuery>;
