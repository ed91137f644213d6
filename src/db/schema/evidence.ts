import { bigint, customType, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id } from './columns';
import { sources } from './registry';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** Append-only (triggers reject UPDATE and DELETE). One row per receipt; the same bytes may be received twice. */
export const evidenceItems = pgTable('evidence_items', {
  id: id(),
  sha256: text('sha256').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  mediaType: text('media_type').notNull(),
  originalName: text('original_name'),
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  receivedBy: text('received_by').notNull(),
  sourceId: uuid('source_id').references(() => sources.id),
  derivedFrom: uuid('derived_from'),
  metadata: jsonb('metadata'),
  sensitivity: text('sensitivity').notNull().default('internal'),
  leafIndex: bigint('leaf_index', { mode: 'number' }).notNull(),
}, (t) => [index('evidence_sha_idx').on(t.sha256), index('evidence_source_idx').on(t.sourceId)]);

/** Append-only chain of custody: receipt, view, export, derivative, transfer. */
export const custodyEvents = pgTable('custody_events', {
  id: id(),
  evidenceId: uuid('evidence_id').references(() => evidenceItems.id),
  kind: text('kind').notNull(),
  actor: text('actor').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  details: jsonb('details'),
  leafIndex: bigint('leaf_index', { mode: 'number' }).notNull(),
}, (t) => [index('custody_events_evidence_idx').on(t.evidenceId)]);

/** Leaves of the RFC 6962 Merkle tree: canonical JSON bytes and their leaf hash. Append-only. */
export const logLeaves = pgTable('log_leaves', {
  idx: bigint('idx', { mode: 'number' }).primaryKey(),
  data: bytea('data').notNull(),
  hash: bytea('hash').notNull(),
});

/** Stored hashes of complete subtrees (tlog stored-hash index). Append-only. */
export const logHashes = pgTable('log_hashes', {
  idx: bigint('idx', { mode: 'number' }).primaryKey(),
  hash: bytea('hash').notNull(),
});

/** Signed checkpoints (C2SP tlog-checkpoint in a signed note). Append-only. */
export const checkpoints = pgTable('checkpoints', {
  size: bigint('size', { mode: 'number' }).primaryKey(),
  root: bytea('root').notNull(),
  note: text('note').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
