import { integer, jsonb, pgTable, text, timestamp, uuid, index } from 'drizzle-orm/pg-core';
import { id } from './columns';
import { sources } from './registry';

/** One import of one file (identified by its hash). */
export const importRuns = pgTable('import_runs', {
  id: id(),
  fileSha256: text('file_sha256').notNull(),
  fileName: text('file_name').notNull(),
  format: text('format').notNull(),
  importedAs: text('imported_as').notNull(),
  sourceId: uuid('source_id').references(() => sources.id),
  mapping: jsonb('mapping'),
  stats: jsonb('stats').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  actor: text('actor').notNull(),
}, (t) => [index('import_runs_sha_idx').on(t.fileSha256)]);

/** Rows rejected under --skip-invalid, with their reasons; nothing accepted or offered is lost. */
export const importRejects = pgTable('import_rejects', {
  id: id(),
  importId: uuid('import_id').notNull().references(() => importRuns.id),
  sheet: text('sheet'),
  row: integer('row').notNull(),
  column: text('column'),
  message: text('message').notNull(),
  raw: jsonb('raw'),
});

/** Text extracted from documents and messages, searchable. */
export const documents = pgTable('documents', {
  id: id(),
  sourceId: uuid('source_id').notNull().references(() => sources.id),
  evidenceSha256: text('evidence_sha256'),
  title: text('title'),
  text: text('text').notNull(),
  extractedWith: text('extracted_with').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [index('documents_source_idx').on(t.sourceId)]);
