import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';
import { persons, sources } from './registry';

/** Witnesses of testimonies. Identity and contact are encrypted before they reach the database. */
export const witnesses = pgTable('witnesses', {
  id: id(),
  pseudonym: text('pseudonym').notNull().unique(),
  sourceId: uuid('source_id').references(() => sources.id),
  identityEnc: text('identity_enc'),
  contactEnc: text('contact_enc'),
  createdAt: createdAt(),
  createdBy: text('created_by').notNull(),
  updatedAt: updatedAt(),
});

/**
 * Details of a detained person that could lead someone to their family: family contacts and the
 * exact home address. Encrypted (AES-256-GCM, workspace keyring) before they reach the database;
 * only administrators and investigators read them, and every reading is recorded.
 */
export const protectedDetails = pgTable('protected_details', {
  id: id(),
  personId: uuid('person_id').notNull().references(() => persons.id),
  kind: text('kind').notNull(),
  valueEnc: text('value_enc').notNull(),
  createdAt: createdAt(),
  createdBy: text('created_by').notNull(),
}, (t) => [index('protected_details_person_idx').on(t.personId)]);
