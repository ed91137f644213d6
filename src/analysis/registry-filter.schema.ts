/**
 * The query language of statistics and findings: a zod-validated JSON filter over the registry.
 * Every part is optional; present parts are ANDed. The same filter counts persons (clusters of
 * person records) or allegations; `describeFilter` states it in words.
 */
import { z } from 'zod';
import { FACILITY_KINDS, PERSON_STATUSES, RELIABILITY, SOURCE_KINDS, VERIFICATION_STATUSES } from '../domain';
import { partialDateText } from '../registry';

const list = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(200);

export const registryFilter = z.object({
  persons: z.object({
    /** the person's current (derived) status */
    statuses: list(z.enum(PERSON_STATUSES)).optional(),
  }).strict().optional(),
  allegations: z.object({
    types: list(z.string().trim().min(1).max(60)).optional(),
    /** categories of the allegation vocabulary: torture, ill_treatment, propaganda, detention, death */
    categories: list(z.string().trim().min(1).max(60)).optional(),
    verification: list(z.enum(VERIFICATION_STATUSES)).optional(),
    /** credibility of the source on the allegation at most this (1 confirmed … 6 cannot be judged) */
    maxCredibility: z.number().int().min(1).max(6).optional(),
    /** kinds of the sources that report the allegation */
    sourceKinds: list(z.enum(SOURCE_KINDS)).optional(),
  }).strict().optional(),
  facilities: z.object({
    ids: list(z.uuid()).optional(),
    regions: list(z.string().trim().min(1).max(200)).optional(),
    kinds: list(z.enum(FACILITY_KINDS)).optional(),
  }).strict().optional(),
  period: z.object({
    from: partialDateText.optional(),
    to: partialDateText.optional(),
    /** which date falls in the period for persons: a custody episode (default), the status date, or an allegation */
    on: z.enum(['custody', 'status', 'allegation']).optional(),
  }).strict().optional(),
  sources: z.object({
    ids: list(z.uuid()).optional(),
    kinds: list(z.enum(SOURCE_KINDS)).optional(),
    reliability: list(z.enum(RELIABILITY)).optional(),
  }).strict().optional(),
}).strict();
export type RegistryFilter = z.infer<typeof registryFilter>;

export const UNITS = ['persons', 'allegations'] as const;
export type Unit = (typeof UNITS)[number];
export const unit = z.enum(UNITS);

/** How figures are broken down: a stratum per facility, region, year, status, source, allegation type or category. */
export const DIMENSIONS = ['facility', 'region', 'period', 'status', 'source', 'type', 'category'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const dimension = z.enum(DIMENSIONS);

export const periodField = z.enum(['custody', 'status', 'allegation']);
export type PeriodField = z.infer<typeof periodField>;

export const countQuery = z.object({
  unit: unit.default('persons'),
  where: registryFilter.default({}),
}).strict();
export type CountQuery = z.infer<typeof countQuery>;

export const rateQuery = z.object({
  unit: unit.default('persons'),
  /** who is counted in the denominator */
  denominator: registryFilter,
  /** the property counted in the numerator, applied within the denominator */
  numerator: registryFilter,
  /** the denominator in the caller's words; default: generated from the filter */
  denominatorText: z.string().trim().min(1).max(500).optional(),
  numeratorText: z.string().trim().min(1).max(500).optional(),
  stratify: dimension.optional(),
  periodField: periodField.default('custody'),
  level: z.number().gt(0).lt(1).default(0.95),
}).strict();
export type RateQuery = z.infer<typeof rateQuery>;

export const groupQuery = z.object({
  unit: unit.default('persons'),
  where: registryFilter.default({}),
  by: dimension,
  periodField: periodField.default('custody'),
  limit: z.number().int().min(1).max(500).default(50),
}).strict();
export type GroupQuery = z.infer<typeof groupQuery>;

const modelChoice = z.string().trim().min(1).max(200).default('best-bic')
  .describe('best-bic, best-aic, independence or a bracket model such as [12,3,4]');

export const countsTableInput = z.object({
  lists: z.array(z.string().trim().min(1).max(200)).min(2).max(6),
  rows: z.array(z.object({ pattern: z.array(z.number().int().min(0).max(1)), count: z.number().int().min(0) })).min(1).max(64),
});

/** MSE over a counts table given directly (or as CSV text). */
export const mseCountsRequest = z.object({
  counts: countsTableInput.optional(),
  csv: z.string().max(100_000).optional(),
  model: modelChoice,
  ci: z.enum(['profile', 'chao']).default('profile'),
  level: z.number().gt(0).lt(1).default(0.95),
}).strict().refine((v) => Boolean(v.counts) !== Boolean(v.csv), { message: 'give either counts or csv', path: ['counts'] });

/** MSE over the workspace: lists are sources (by id or title); the overlap comes from persons. */
export const mseListsRequest = z.object({
  lists: z.array(z.string().trim().min(1).max(500)).min(2).max(6),
  where: registryFilter.default({}),
  stratify: z.enum(['period', 'region']).optional(),
  periodField: z.enum(['status', 'custody']).default('status'),
  model: modelChoice,
  ci: z.enum(['profile', 'chao']).default('profile'),
  level: z.number().gt(0).lt(1).default(0.95),
}).strict();
export type MseListsRequest = z.infer<typeof mseListsRequest>;
