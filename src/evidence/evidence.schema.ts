// zod schemas of the evidence room: inputs of intake and custody, and what the API answers.
import { z } from 'zod';
import { SENSITIVITY } from '../domain';

export const CUSTODY_KINDS = ['received', 'viewed', 'exported', 'derived', 'transferred', 'verified'] as const;
export type CustodyKind = (typeof CUSTODY_KINDS)[number];

export const intakeInput = z.object({
  /** The file name as received (kept in the database, never in the log). */
  originalName: z.string().trim().min(1).max(500).nullish(),
  sourceId: z.uuid().nullish(),
  sensitivity: z.enum(SENSITIVITY).default('internal'),
  /** The original this file was derived from (a redacted copy, a transcoding, a still). */
  derivedFrom: z.uuid().nullish(),
  /** The media type the sender declared; recorded beside the sniffed one, never trusted. */
  declaredType: z.string().trim().max(200).nullish(),
  /** Free note on how the file arrived (kept in the database, never in the log). */
  note: z.string().trim().max(2000).nullish(),
});
export type IntakeInput = z.input<typeof intakeInput>;

export const transferInput = z.object({
  /** Who takes custody (an organisation or role; kept in the database only). */
  to: z.string().trim().min(1).max(300),
  reason: z.string().trim().max(2000).nullish(),
});

export const evidenceListQuery = z.object({
  sha256: z.string().regex(/^[0-9a-f]{4,64}$/, 'lower-case hex prefix of at least 4 digits').optional(),
  sourceId: z.uuid().optional(),
  mediaType: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type EvidenceListQuery = z.infer<typeof evidenceListQuery>;

export const evidenceItem = z.object({
  id: z.string(),
  sha256: z.string(),
  size: z.number(),
  mediaType: z.string(),
  originalName: z.string().nullable(),
  receivedAt: z.string(),
  receivedBy: z.string(),
  sourceId: z.string().nullable(),
  derivedFrom: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  sensitivity: z.enum(SENSITIVITY),
  leafIndex: z.number(),
});
export type EvidenceItem = z.infer<typeof evidenceItem>;

export const custodyEvent = z.object({
  id: z.string(),
  evidenceId: z.string().nullable(),
  kind: z.string(),
  actor: z.string(),
  at: z.string(),
  details: z.record(z.string(), z.unknown()).nullable(),
  leafIndex: z.number(),
});
export type CustodyEventView = z.infer<typeof custodyEvent>;

export const evidenceDetail = evidenceItem.extend({ custody: z.array(custodyEvent) });

export const inclusionProofView = z.object({
  index: z.number(),
  treeSize: z.number(),
  leafHash: z.string(),
  proof: z.array(z.string()),
});
export const consistencyProofView = z.object({ size1: z.number(), size2: z.number(), proof: z.array(z.string()) });
