import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id } from './columns';

/** A named, versioned statement with a computed figure. Published versions are frozen (trigger). */
export const findings = pgTable('findings', {
  id: id(),
  slug: text('slug').notNull(),
  version: integer('version').notNull().default(1),
  supersedes: uuid('supersedes'),
  title: text('title').notNull(),
  statement: text('statement').notNull(),
  kind: text('kind').notNull(),
  query: jsonb('query').notNull(),
  method: text('method').notNull(),
  value: jsonb('value'),
  sources: jsonb('sources'),
  checkpointSize: bigint('checkpoint_size', { mode: 'number' }),
  dataVersion: bigint('data_version', { mode: 'number' }),
  status: text('status').notNull().default('draft'),
  computedAt: timestamp('computed_at', { withTimezone: true, mode: 'string' }),
  publishedAt: timestamp('published_at', { withTimezone: true, mode: 'string' }),
  publishedBy: text('published_by'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  createdBy: text('created_by').notNull(),
}, (t) => [index('findings_slug_idx').on(t.slug, t.version)]);
