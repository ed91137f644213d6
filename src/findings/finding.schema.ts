/**
 * A finding: a named, versioned statement with a computed figure, defined by a query over the
 * registry (JSON, validated here) and a method. The statement is a template: every number in it is
 * a placeholder filled from the computed value, so each number a report prints is traceable.
 */
import { z } from 'zod';
import { countQuery, groupQuery, rateQuery, registryFilter } from '../analysis';
import { listQuery } from '../registry';

export const FINDING_KINDS = ['count', 'rate', 'mse', 'list'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
export const FINDING_STATUSES = ['draft', 'reviewed', 'published'] as const;

// Count, rate and list findings are the analysis room's queries with a kind (a finding's rate takes its
// level from the method; a list is shorter), so both accept exactly the same filters.
export const countDefinition = countQuery.extend({ kind: z.literal('count') }).strict();

export const rateDefinition = rateQuery.omit({ level: true }).extend({ kind: z.literal('rate') }).strict();

export const mseDefinition = z.object({
  kind: z.literal('mse'),
  /** sources as lists: ids (titles are resolved to ids when the finding is saved) */
  lists: z.array(z.string().trim().min(1).max(500)).min(2).max(6),
  where: registryFilter.default({}),
  stratify: z.enum(['period', 'region']).optional(),
  periodField: z.enum(['status', 'custody']).default('status'),
}).strict();

export const listDefinition = groupQuery.extend({ kind: z.literal('list'), limit: z.number().int().min(1).max(100).default(10) }).strict();

export const findingQuery = z.discriminatedUnion('kind', [countDefinition, rateDefinition, mseDefinition, listDefinition]);
export type FindingQuery = z.infer<typeof findingQuery>;

/** The method, per kind. Stored as canonical JSON text in the `method` column. */
export const findingMethod = z.union([
  z.object({ name: z.literal('count') }).strict(),
  z.object({ name: z.literal('proportion'), interval: z.enum(['wilson', 'clopper-pearson']).default('wilson'), level: z.number().gt(0).lt(1).default(0.95) }).strict(),
  z.object({
    name: z.literal('mse'), model: z.string().trim().min(1).max(200).default('best-bic'), ci: z.enum(['profile', 'chao']).default('profile'),
    level: z.number().gt(0).lt(1).default(0.95),
  }).strict(),
  z.object({ name: z.literal('group-count') }).strict(),
]);
export type FindingMethod = z.infer<typeof findingMethod>;

export const METHOD_OF_KIND: Record<FindingKind, FindingMethod['name']> = { count: 'count', rate: 'proportion', mse: 'mse', list: 'group-count' };

/** The method stored as JSON text in the `method` column (the kind's default when it cannot be read). */
export function parseStoredMethod(text: string, kind: string): FindingMethod {
  try {
    return findingMethod.parse(JSON.parse(text));
  } catch {
    return findingMethod.parse({ name: METHOD_OF_KIND[kind as FindingKind] ?? 'count' });
  }
}

/** Placeholders a statement of each kind may use. */
export const PLACEHOLDERS: Record<FindingKind, readonly string[]> = {
  count: ['count'],
  rate: ['percent', 'numerator', 'denominator', 'lower', 'upper', 'level'],
  mse: ['N', 'lower', 'upper', 'n', 'missed', 'level'],
  list: ['total', 'items', 'top', 'topCount'],
};

export const DEFAULT_STATEMENT: Record<FindingKind, string> = {
  count: '{count} match this definition.',
  rate: 'The share is {percent} ({numerator} of {denominator}; {level} interval {lower} to {upper}).',
  mse: 'An estimated {N} people in total ({level} interval {lower} to {upper}), of whom {n} were recorded.',
  list: '{total} in all, most often {top} ({topCount}).',
};

const statementText = z.string().trim().min(1).max(2000);
const slugText = z.string().trim().regex(/^[a-z][a-z0-9-]{1,79}$/, 'a slug is 2–80 characters: lower-case letters, digits and "-", starting with a letter');

export const findingInput = z.object({
  slug: slugText.optional(),
  title: z.string().trim().min(1).max(300),
  /** template with placeholders such as {percent}; default per kind */
  statement: statementText.optional(),
  query: findingQuery,
  method: findingMethod.optional(),
  /** compute the value at once (default true) */
  compute: z.boolean().default(true),
}).strict();
export type FindingInput = z.input<typeof findingInput>;

export const findingUpdate = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  statement: statementText.optional(),
  query: findingQuery.optional(),
  method: findingMethod.optional(),
}).strict();
export type FindingUpdate = z.input<typeof findingUpdate>;

export const findingListQuery = listQuery.extend({
  status: z.enum(FINDING_STATUSES).optional(),
  kind: z.enum(FINDING_KINDS).optional(),
  /** every version, not only the latest of each slug */
  allVersions: z.coerce.boolean().default(false),
});

export const findingRefParam = z.object({ ref: z.string().trim().min(1).max(120).describe('finding id, slug (latest version) or slug@version') });

const sourceRow = z.object({
  id: z.string().nullable(), title: z.string(), kind: z.string(), origin: z.string().nullable(), reliability: z.string(),
  published: z.boolean(), sensitivity: z.string(), supports: z.number(),
});
export const sourceSupportSchema = z.object({
  total: z.number(), origins: z.number(), testimonies: z.number(), witnesses: z.number(),
  byReliability: z.record(z.string(), z.number()), byKind: z.record(z.string(), z.number()), items: z.array(sourceRow),
});

export const finding = z.object({
  id: z.uuid(),
  slug: z.string(),
  version: z.number().int(),
  ref: z.string(),
  supersedes: z.string().nullable(),
  supersededBy: z.string().nullable(),
  title: z.string(),
  statement: z.string(),
  /** the statement with the stored figures filled in */
  text: z.string().nullable(),
  kind: z.string(),
  query: z.unknown(),
  method: z.unknown(),
  value: z.unknown().nullable(),
  sources: sourceSupportSchema.nullable(),
  checkpointSize: z.number().nullable(),
  dataVersion: z.number().nullable(),
  status: z.string(),
  computedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Finding = z.infer<typeof finding>;

export const recomputation = z.object({
  id: z.uuid(),
  ref: z.string(),
  status: z.string(),
  stored: z.object({ value: z.unknown().nullable(), text: z.string().nullable(), dataVersion: z.number().nullable(), checkpointSize: z.number().nullable(), computedAt: z.string().nullable() }),
  today: z.object({ value: z.unknown(), text: z.string(), dataVersion: z.number(), checkpointSize: z.number() }),
  same: z.boolean(),
  differences: z.array(z.object({ figure: z.string(), stored: z.string().nullable(), today: z.string().nullable() })),
  /** the new value was stored (drafts only) */
  saved: z.boolean(),
});
export type Recomputation = z.infer<typeof recomputation>;
