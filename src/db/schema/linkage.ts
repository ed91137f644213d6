import { boolean, doublePrecision, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id } from './columns';

export const linkRuns = pgTable('link_runs', {
  id: id(),
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  actor: text('actor').notNull(),
  incremental: boolean('incremental').notNull().default(false),
  params: jsonb('params').notNull(),
  stats: jsonb('stats').notNull(),
});

/** Scored pairs in the review band, with the match-weight explanation. recordA < recordB. */
export const linkPairs = pgTable('link_pairs', {
  id: id(),
  runId: uuid('run_id').notNull(),
  recordA: uuid('record_a').notNull(),
  recordB: uuid('record_b').notNull(),
  weight: doublePrecision('weight').notNull(),
  probability: doublePrecision('probability').notNull(),
  explanation: jsonb('explanation').notNull(),
  status: text('status').notNull().default('pending'),
}, (t) => [uniqueIndex('link_pairs_ab').on(t.recordA, t.recordB), index('link_pairs_status_idx').on(t.status, t.probability)]);

/** A reviewer's decision; overrides the model and survives re-runs. */
export const linkDecisions = pgTable('link_decisions', {
  id: id(),
  recordA: uuid('record_a').notNull(),
  recordB: uuid('record_b').notNull(),
  decision: text('decision').notNull(),
  decidedBy: text('decided_by').notNull(),
  decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  note: text('note'),
}, (t) => [uniqueIndex('link_decisions_ab').on(t.recordA, t.recordB)]);

/** History of merges and unmerges of persons. */
export const personMerges = pgTable('person_merges', {
  id: id(),
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  details: jsonb('details').notNull(),
});
