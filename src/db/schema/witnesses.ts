import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { sources } from './registry';

/** Witnesses of testimonies. Identity and contact are encrypted before they reach the database. */
export const witnesses = pgTable('witnesses', {
  id: id(),
  pseudonym: text('pseudonym').notNull().unique(),
  sourceId: uuid('source_id').references(() => sources.id),
  identityEnc: text('identity_enc'),
  contactEnc: text('contact_enc'),
  createdAt: createdAt(),
  createdBy: text('created_by').notNull(),
});
