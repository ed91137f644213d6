import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, text, timestamp, uuid, index } from 'drizzle-orm/pg-core';
import { id } from './columns';
import { sources } from './registry';

/** One import of one file (identified by its hash). Written only when the import commits. */
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

/**
 * Identity and versions of imported rows whose entities have no key of their own (custody episodes,
 * allegations): the row's key within its source, the hash of its content, and what it created.
 * Person records carry their key, hash and version themselves.
 */
export const importItems = pgTable('import_items', {
  id: id(),
  importId: uuid('import_id').notNull().references(() => importRuns.id),
  sourceId: uuid('source_id').notNull().references(() => sources.id),
  /** custody | allegations */
  kind: text('kind').notNull(),
  recordKey: text('record_key').notNull(),
  rowHash: text('row_hash').notNull(),
  /** <file sha256>#<sheet>!<row> */
  rowRef: text('row_ref').notNull(),
  version: integer('version').notNull().default(1),
  supersedes: uuid('supersedes'),
  isCurrent: boolean('is_current').notNull().default(true),
  /** What the row created or updated: { personRecordIds, custodyEpisodeId, allegationIds }. */
  entities: jsonb('entities').notNull(),
  /** Row values that have no column in the registry (notes, the row's own source reference). */
  data: jsonb('data'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [index('import_items_key_idx').on(t.sourceId, t.kind, t.recordKey)]);

/** Text extracted from documents and messages, searchable. */
export const documents = pgTable('documents', {
  id: id(),
  sourceId: uuid('source_id').notNull().references(() => sources.id),
  evidenceSha256: text('evidence_sha256'),
  title: text('title'),
  text: text('text').notNull(),
  extractedWith: text('extracted_with').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  /** document | telegram_message | telegram_service */
  kind: text('kind').notNull().default('document'),
  importId: uuid('import_id').references(() => importRuns.id),
  /** file:<sha256> for documents, telegram:<chat id>:<message id> for messages. */
  recordKey: text('record_key'),
  /** SHA-256 of the file, or of the message as exported: same content, same hash. */
  contentHash: text('content_hash'),
  /** When the content was published (a message's date_unixtime, UTC). */
  publishedAt: timestamp('published_at', { withTimezone: true, mode: 'string' }),
  /** Format details; for messages: chat, message id, author, forwarded-from, link, entities, media with hashes. */
  meta: jsonb('meta'),
  version: integer('version').notNull().default(1),
  supersedes: uuid('supersedes'),
  isCurrent: boolean('is_current').notNull().default(true),
}, (t) => [
  index('documents_source_idx').on(t.sourceId),
  index('documents_key_idx').on(t.recordKey),
  index('documents_text_trgm').using('gin', sql`${t.text} gin_trgm_ops`),
  index('documents_title_trgm').using('gin', sql`lower(${t.title}) gin_trgm_ops`),
]);
