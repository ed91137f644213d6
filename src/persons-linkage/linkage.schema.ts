import { z } from 'zod';

/** Starting a link run. */
export const linkRunInput = z.object({
  incremental: z.boolean().default(false).describe('link only records added since the last run, with its trained model'),
  threshold: z.number().gt(0).lt(1).optional().describe('match probability at which records link (default 0.8)'),
  reviewLower: z.number().gt(0).lt(1).optional().describe('lower end of the review band (default 0.2)'),
}).refine((v) => v.threshold === undefined || v.reviewLower === undefined || v.reviewLower < v.threshold, { path: ['reviewLower'], message: 'must be below threshold' });
export type LinkRunInput = z.infer<typeof linkRunInput>;

export const linkRunTimings = z.object({
  loadMs: z.number(), linkMs: z.number(), writeMs: z.number(), totalMs: z.number(),
  engine: z.record(z.string(), z.number()).describe('engine steps (prepare, blockAndCompare, train, score, cluster, review, blockingRecall)'),
  write: z.record(z.string(), z.number()).describe('write steps (persons, moveRecords, retirePersons, refreshPersons, historyAndAudit)'),
});

/** What a link run did (the CLI's --json contract and the API's answer). */
export const linkRunSummary = z.object({
  runId: z.string().nullable(),
  incremental: z.boolean(),
  records: z.number().int().describe('current person records linked'),
  newRecords: z.number().int().describe('records linked for the first time (incremental runs; all records otherwise)'),
  persons: z.number().int().describe('persons holding the linked records after the run'),
  merged: z.number().int().describe('persons merged into others and removed'),
  unmerged: z.number().int().describe('persons whose records were split'),
  newPersons: z.number().int(),
  movedRecords: z.number().int(),
  reviewQueue: z.number().int().describe('pairs waiting for review after the run'),
  reviewAdded: z.number().int(),
  candidatePairs: z.number().int(),
  blockingRecall: z.number().nullable(),
  timings: linkRunTimings,
});
export type LinkRunSummary = z.infer<typeof linkRunSummary>;

export const linkRunListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

export const linkRun = z.object({
  id: z.string(), at: z.string(), actor: z.string(), incremental: z.boolean(),
  params: z.object({ threshold: z.number(), reviewLower: z.number(), mode: z.string(), lambda: z.number().nullable(), trainedOnPairs: z.number().nullable() }),
  stats: z.record(z.string(), z.unknown()),
});
export type LinkRun = z.infer<typeof linkRun>;

export const REVIEW_STATUSES = ['pending', 'skipped', 'match', 'non_match'] as const;
export const reviewListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  status: z.enum([...REVIEW_STATUSES, 'all']).default('pending'),
});

export const DECISIONS = ['match', 'non_match'] as const;
export type Decision = (typeof DECISIONS)[number];
export const reviewDecisionInput = z.object({
  decision: z.enum([...DECISIONS, 'skip']),
  note: z.string().trim().max(2000).optional(),
});

/** One side of a review pair: the record as its source gives it. */
export const reviewRecord = z.object({
  id: z.string(), personId: z.string(), sourceId: z.string(), sourceTitle: z.string().nullable(),
  familyName: z.string().nullable(), givenName: z.string().nullable(), patronymic: z.string().nullable(), fullName: z.string().nullable(),
  birth: z.string().nullable(), birthPlace: z.string().nullable(), sex: z.string().nullable(), citizenship: z.string().nullable(),
  unit: z.string().nullable(), rank: z.string().nullable(), serviceNumber: z.string().nullable(),
  status: z.string().nullable(), statusDate: z.string().nullable(),
});
export type ReviewRecord = z.infer<typeof reviewRecord>;

export const explanationTerm = z.object({
  comparison: z.string(),
  level: z.string().nullable().describe('agreement level; null when a side is missing'),
  weight: z.number().describe('log2 Bayes factor of this comparison, term-frequency adjustment included'),
  levelWeight: z.number(), tfAdjustment: z.number(),
  m: z.number().nullable(), u: z.number().nullable(),
});

export const reviewPair = z.object({
  id: z.string(), runId: z.string(), status: z.string(),
  probability: z.number(), weight: z.number().describe('total match weight, log2 odds (prior included)'),
  prior: z.number(), reason: z.string(), sameCluster: z.boolean(), samePerson: z.boolean(),
  recordA: reviewRecord, recordB: reviewRecord,
  explanation: z.array(explanationTerm),
});
export type ReviewPair = z.infer<typeof reviewPair>;

export const regroupResult = z.object({
  persons: z.array(z.string()).describe('persons holding the records afterwards'),
  merged: z.number().int(), unmerged: z.number().int(), newPersons: z.number().int(), movedRecords: z.number().int(),
  removed: z.array(z.object({ person: z.string(), into: z.string() })),
});
export type RegroupResult = z.infer<typeof regroupResult>;

export const reviewDecisionResult = z.object({
  id: z.string(), status: z.string(), decision: z.enum([...DECISIONS, 'skip']),
  recordA: z.string(), recordB: z.string(),
  regroup: regroupResult.nullable(),
});

export const personMergeInput = z.object({
  persons: z.array(z.uuid()).min(1).max(100).describe('persons to merge into this one (the oldest id is kept)'),
  note: z.string().trim().max(2000).optional(),
});
export const personUnmergeInput = z.object({
  records: z.array(z.uuid()).min(1).max(1000).describe('records that leave the person and form a new person together'),
  note: z.string().trim().max(2000).optional(),
});

export const personMergeResult = z.object({ person: z.string(), regroup: regroupResult, decisions: z.number().int() });

export const mergeHistoryItem = z.object({
  id: z.string(), at: z.string(), actor: z.string(), action: z.string(), details: z.record(z.string(), z.unknown()),
});
export const mergeHistory = z.object({
  person: z.string(), exists: z.boolean(),
  mergedInto: z.string().nullable().describe('the person this id was merged into (followed to the end), when it no longer exists'),
  items: z.array(mergeHistoryItem), total: z.number().int(),
});
export type MergeHistory = z.infer<typeof mergeHistory>;
