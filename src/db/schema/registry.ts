import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, pgTable, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, day, id, updatedAt } from './columns';

export const sources = pgTable('sources', {
  id: id(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  origin: text('origin'),
  language: text('language'),
  obtained: text('obtained'),
  obtainedEarliest: day('obtained_earliest'),
  obtainedLatest: day('obtained_latest'),
  reliability: text('reliability').notNull().default('F'),
  sensitivity: text('sensitivity').notNull().default('internal'),
  published: boolean('published').notNull().default(false),
  url: text('url'),
  fileSha256: text('file_sha256'),
  notes: text('notes'),
  createdAt: createdAt(),
  createdBy: text('created_by').notNull(),
  updatedAt: updatedAt(),
}, (t) => [index('sources_kind_idx').on(t.kind), index('sources_title_trgm').using('gin', sql`lower(${t.title}) gin_trgm_ops`)]);

export const persons = pgTable('persons', {
  id: id(),
  displayName: text('display_name').notNull(),
  displayNameLatin: text('display_name_latin'),
  status: text('status').notNull().default('unknown'),
  statusDate: text('status_date'),
  statusEarliest: day('status_earliest'),
  birth: text('birth'),
  recordCount: integer('record_count').notNull().default(0),
  /** Search columns over the person's current records: canonical tokens (union), keys and folded names joined by " | ". */
  nameTokens: text('name_tokens').array().notNull().default(sql`'{}'::text[]`),
  nameKey: text('name_key').notNull().default(''),
  nameText: text('name_text').notNull().default(''),
  sensitivity: text('sensitivity').notNull().default('internal'),
  published: boolean('published').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('persons_status_idx').on(t.status),
  index('persons_display_name_idx').on(t.displayName),
  // fastupdate off: searches never scan a pending list (PGlite has no autovacuum to flush one).
  index('persons_name_tokens_gin').using('gin', t.nameTokens).with({ fastupdate: false }),
  index('persons_name_key_trgm').using('gin', sql`${t.nameKey} gin_trgm_ops`).with({ fastupdate: false }),
  index('persons_name_text_trgm').using('gin', sql`${t.nameText} gin_trgm_ops`).with({ fastupdate: false }),
]);

/** One person as one source describes them. Content columns are immutable (trigger); corrections are new versions. */
export const personRecords = pgTable('person_records', {
  id: id(),
  sourceId: uuid('source_id').notNull().references(() => sources.id),
  rowRef: text('row_ref'),
  recordKey: text('record_key'),
  version: integer('version').notNull().default(1),
  supersedes: uuid('supersedes'),
  isCurrent: boolean('is_current').notNull().default(true),
  rowHash: text('row_hash'),
  familyName: text('family_name'),
  givenName: text('given_name'),
  patronymic: text('patronymic'),
  fullName: text('full_name'),
  script: text('script').notNull().default('unknown'),
  birth: text('birth'),
  birthEarliest: day('birth_earliest'),
  birthLatest: day('birth_latest'),
  birthPlace: text('birth_place'),
  sex: text('sex').notNull().default('unknown'),
  citizenship: text('citizenship'),
  unit: text('unit'),
  rank: text('rank'),
  serviceNumber: text('service_number'),
  status: text('status').notNull().default('unknown'),
  statusDate: text('status_date'),
  statusEarliest: day('status_earliest'),
  statusLatest: day('status_latest'),
  nameText: text('name_text').notNull(),
  nameKey: text('name_key').notNull(),
  /** Canonical name tokens (the key split on spaces): exact token search through a GIN index. */
  nameTokens: text('name_tokens').array().generatedAlwaysAs(sql`string_to_array(name_key, ' ')`),
  personId: uuid('person_id').notNull().references(() => persons.id),
  sensitivity: text('sensitivity').notNull().default('internal'),
  createdAt: createdAt(),
  createdBy: text('created_by').notNull(),
}, (t) => [
  index('person_records_person_idx').on(t.personId),
  index('person_records_source_idx').on(t.sourceId, t.recordKey),
  index('person_records_birth_idx').on(t.birthEarliest),
]);

export const facilities = pgTable('facilities', {
  id: id(),
  name: text('name').notNull(),
  kind: text('kind').notNull().default('unknown'),
  settlement: text('settlement'),
  region: text('region'),
  country: text('country'),
  lat: doublePrecision('lat'),
  lon: doublePrecision('lon'),
  authority: text('authority'),
  inUse: text('in_use'),
  inUseEarliest: day('in_use_earliest'),
  inUseLatest: day('in_use_latest'),
  notes: text('notes'),
  sensitivity: text('sensitivity').notNull().default('internal'),
  published: boolean('published').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const facilityNames = pgTable('facility_names', {
  id: id(),
  facilityId: uuid('facility_id').notNull().references(() => facilities.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  script: text('script').notNull().default('unknown'),
  nameText: text('name_text').notNull(),
  nameKey: text('name_key').notNull(),
}, (t) => [
  index('facility_names_facility_idx').on(t.facilityId),
  index('facility_names_key_trgm').using('gin', sql`${t.nameKey} gin_trgm_ops`),
  index('facility_names_text_trgm').using('gin', sql`${t.nameText} gin_trgm_ops`),
]);

export const custodyEpisodes = pgTable('custody_episodes', {
  id: id(),
  personRecordId: uuid('person_record_id').notNull().references(() => personRecords.id),
  facilityId: uuid('facility_id').notNull().references(() => facilities.id),
  sourceId: uuid('source_id').notNull().references(() => sources.id),
  fromDate: text('from_date'),
  fromEarliest: day('from_earliest'),
  fromLatest: day('from_latest'),
  toDate: text('to_date'),
  toEarliest: day('to_earliest'),
  toLatest: day('to_latest'),
  notes: text('notes'),
  sensitivity: text('sensitivity').notNull().default('internal'),
  createdAt: createdAt(),
  createdBy: text('created_by').notNull(),
}, (t) => [index('custody_record_idx').on(t.personRecordId), index('custody_facility_idx').on(t.facilityId)]);

export const allegationTypes = pgTable('allegation_types', {
  code: text('code').primaryKey(),
  category: text('category').notNull(),
  labelEn: text('label_en').notNull(),
  labelUk: text('label_uk').notNull(),
});

export const allegations = pgTable('allegations', {
  id: id(),
  typeCode: text('type_code').notNull().references(() => allegationTypes.code),
  when: text('when'),
  whenEarliest: day('when_earliest'),
  whenLatest: day('when_latest'),
  facilityId: uuid('facility_id').references(() => facilities.id),
  place: text('place'),
  narrative: text('narrative'),
  sourceId: uuid('source_id').notNull().references(() => sources.id),
  credibility: smallint('credibility').notNull().default(6),
  status: text('status').notNull().default('reported'),
  sensitivity: text('sensitivity').notNull().default('internal'),
  published: boolean('published').notNull().default(false),
  createdAt: createdAt(),
  createdBy: text('created_by').notNull(),
  updatedAt: updatedAt(),
}, (t) => [index('allegations_type_idx').on(t.typeCode), index('allegations_facility_idx').on(t.facilityId), index('allegations_source_idx').on(t.sourceId)]);

export const allegationVictims = pgTable('allegation_victims', {
  id: id(),
  allegationId: uuid('allegation_id').notNull().references(() => allegations.id, { onDelete: 'cascade' }),
  personId: uuid('person_id').references(() => persons.id),
  personRecordId: uuid('person_record_id').references(() => personRecords.id),
}, (t) => [index('allegation_victims_allegation_idx').on(t.allegationId), index('allegation_victims_person_idx').on(t.personId)]);

export const allegationPerpetrators = pgTable('allegation_perpetrators', {
  id: id(),
  allegationId: uuid('allegation_id').notNull().references(() => allegations.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  notes: text('notes'),
}, (t) => [index('allegation_perpetrators_allegation_idx').on(t.allegationId)]);
