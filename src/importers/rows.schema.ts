/** Zod schemas and types of the validated rows of the three kinds of list, and of their provenance. */
import { z } from 'zod';
import { ALLEGATION_TYPES, PERSON_STATUSES, SEXES } from '../domain';
import type { Field, ListKind } from './fields';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A partial date as imported; `approximate` when the source said "about", "приблизно", "около"… */
export const ImportedDateSchema = z.object({
  text: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?(\/\d{4}(-\d{2}(-\d{2})?)?)?$/),
  earliest: z.string().regex(ISO_DAY),
  latest: z.string().regex(ISO_DAY),
  approximate: z.literal(true).optional(),
});
export type ImportedDate = z.infer<typeof ImportedDateSchema>;

const name = z.string().min(1).max(200);
const text = z.string().min(1).max(1000);
const longText = z.string().min(1).max(100_000);

export const PersonDataSchema = z.object({
  familyName: name.optional(),
  givenName: name.optional(),
  patronymic: name.optional(),
  fullName: z.string().min(1).max(400).optional(),
  birthDate: ImportedDateSchema.optional(),
  sex: z.enum(SEXES).optional(),
  /** ISO 3166 alpha-2, "stateless", or the text as written when not recognised. */
  citizenship: text.optional(),
  unit: text.optional(),
  rank: text.optional(),
  serviceNumber: text.optional(),
  status: z.enum(PERSON_STATUSES).optional(),
  statusDate: ImportedDateSchema.optional(),
  birthPlace: text.optional(),
  externalId: text.optional(),
  source: z.string().min(1).max(10_000).optional(),
  notes: z.string().min(1).max(10_000).optional(),
}).strict();
export type PersonData = z.infer<typeof PersonDataSchema>;

export const CustodyDataSchema = PersonDataSchema.extend({
  facility: text,
  from: ImportedDateSchema.optional(),
  to: ImportedDateSchema.optional(),
}).strict();
export type CustodyData = z.infer<typeof CustodyDataSchema>;

const ALLEGATION_CODES = ALLEGATION_TYPES.map((t) => t.code) as [string, ...string[]];

/** An allegation; the person fields (familyName, fullName, birthDate…) describe the victim when given. */
export const AllegationDataSchema = PersonDataSchema.extend({
  /** One or more allegation type codes (a cell may list several, separated by ";"). */
  types: z.array(z.enum(ALLEGATION_CODES)).min(1),
  date: ImportedDateSchema.optional(),
  facility: text.optional(),
  place: text.optional(),
  /** Names of victims listed in one cell (";" or line separated), as written. */
  victimNames: z.array(name).optional(),
  perpetrators: z.array(text).optional(),
  narrative: longText.optional(),
  /** 1 confirmed … 5 improbable, 6 cannot be judged. */
  credibility: z.number().int().min(1).max(6).optional(),
}).strict();
export type AllegationData = z.infer<typeof AllegationDataSchema>;

export const DATA_SCHEMAS = {
  persons: PersonDataSchema,
  custody: CustodyDataSchema,
  allegations: AllegationDataSchema,
} as const;

export interface RowDataByKind {
  persons: PersonData;
  custody: CustodyData;
  allegations: AllegationData;
}

/** The file a row came from. */
export interface SourceFileRef {
  /** Name (or path) of the file as given to the importer. */
  name: string;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
}

export interface RowProvenance {
  fileSha256: string;
  file: string;
  sheet: string;
  /** Row number as a spreadsheet user sees it. */
  row: number;
  /** Field → header key of the column it came from. */
  columns: Partial<Record<Field, string>>;
  /** Field → cell address ("C7"). */
  cells: Partial<Record<Field, string>>;
  /** CSV: physical line where the record starts. */
  line?: number;
  /** XLSX: hyperlink targets of cells in this row, by header key (the cell value is the link text). */
  hyperlinks?: Record<string, string>;
}

export interface RowNote {
  column: string;
  message: string;
}

export interface ValidatedRow<T> {
  provenance: RowProvenance;
  /** Normalised values, validated by the kind's zod schema. */
  data: T;
  /** Each mapped field's cell exactly as written (only non-empty cells). */
  original: Partial<Record<Field, string>>;
  /** Non-empty cells of columns not mapped to a field, by header key, as written. */
  extra: Record<string, string>;
  /** How values were read where that is worth saying (season convention, Excel serial, label → code…). */
  notes: RowNote[];
  /** SHA-256 of the canonical row content (kind, data, extra, hyperlinks); independent of file, sheet and row position. */
  rowHash: string;
}

export interface Problem {
  file: string;
  sheet: string;
  row: number;
  /** Header key of the column (never empty). */
  column: string;
  /** Spreadsheet cell address when one cell is concerned. */
  cell?: string;
  /** error: the row is not in `rows`; warning: the row is kept. */
  severity: 'error' | 'warning';
  message: string;
}

export interface ValidationStats {
  dataRows: number;
  accepted: number;
  rejected: number;
}

export type ValidationResult = {
  [K in ListKind]: { kind: K; rows: ValidatedRow<RowDataByKind[K]>[]; problems: Problem[]; stats: ValidationStats };
}[ListKind];
