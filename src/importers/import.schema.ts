/** Options, progress and reports of the import service, and their zod schemas (API responses). */
import { z } from 'zod';
import { RELIABILITY, SENSITIVITY } from '../domain';
import { LIST_KINDS } from './fields';

export const IMPORT_AS = ['persons', 'custody', 'allegations', 'auto'] as const;
export type ImportAs = (typeof IMPORT_AS)[number];

/** What an import file turned out to be. */
export const FILE_KINDS = ['persons', 'custody', 'allegations', 'telegram', 'document'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** Options a caller may send (CLI flags, API multipart fields), validated. */
export const importOptionsInput = z.object({
  as: z.enum(IMPORT_AS).default('auto'),
  /** Title of the source every file joins (created when missing); default: one source per file, titled with its name. */
  source: z.string().trim().min(1).max(500).optional(),
  reliability: z.enum(RELIABILITY).optional(),
  obtained: z.string().trim().min(1).max(40).optional(),
  sensitivity: z.enum(SENSITIVITY).default('internal'),
  dryRun: z.boolean().default(false),
  skipInvalid: z.boolean().default(false),
  /** Public username of a Telegram channel, for https://t.me/<username>/<id> links. */
  telegramUsername: z.string().trim().regex(/^@?[A-Za-z0-9_]{3,64}$/).optional(),
  /** 'never': fail on scans and images instead of running OCR. */
  ocr: z.enum(['auto', 'never']).default('auto'),
  /** "Today" for future-date checks (tests). */
  today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
export type ImportOptionsInput = z.input<typeof importOptionsInput>;

export interface ImportProgress {
  /** read (files parsed), validate (rows checked), write (rows stored), media (files into the vault), commit. */
  phase: 'read' | 'validate' | 'write' | 'media' | 'commit';
  done: number;
  total: number;
  file?: string;
}

export const problemView = z.object({
  file: z.string(),
  sheet: z.string().optional(),
  row: z.number().int(),
  column: z.string(),
  cell: z.string().optional(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});
export type ProblemView = z.infer<typeof problemView>;

export const fileReport = z.object({
  file: z.string(),
  sha256: z.string().nullable(),
  kind: z.enum(FILE_KINDS).nullable(),
  format: z.string().nullable(),
  /**
   * imported: written; unchanged: nothing new in it; invalid: errors, nothing written; failed: not
   * readable or not supported; not_imported: valid, but another file of the same import had errors
   * (all or nothing); checked: dry run without errors.
   */
  status: z.enum(['imported', 'unchanged', 'invalid', 'failed', 'not_imported', 'checked']),
  source: z.object({ id: z.string().nullable(), title: z.string(), created: z.boolean() }).nullable(),
  importId: z.string().nullable(),
  evidence: z.object({ id: z.string(), sha256: z.string(), duplicate: z.boolean() }).nullable(),
  /** Data rows (lists), messages (Telegram) or 1 (documents). */
  rows: z.number().int(),
  /** New records and new versions written (or that would be, in a dry run). */
  imported: z.number().int(),
  created: z.number().int(),
  versions: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  facilitiesCreated: z.array(z.string()),
  victimsCreated: z.number().int(),
  media: z.object({ stored: z.number().int(), alreadyStored: z.number().int(), missing: z.number().int(), notFound: z.number().int(), refused: z.number().int() }).nullable(),
  sheets: z.array(z.object({
    name: z.string(), kind: z.enum(LIST_KINDS), kindReason: z.string(),
    columns: z.array(z.object({ header: z.string(), field: z.string().nullable(), letter: z.string().optional() })),
    rows: z.number().int(), accepted: z.number().int(), rejected: z.number().int(),
    /** What names "the same row" across imports of this source. */
    rowIdentity: z.string().optional(),
  })),
  warnings: z.number().int(),
  error: z.string().optional(),
});
export type FileReport = z.infer<typeof fileReport>;

export const importReport = z.object({
  dryRun: z.boolean(),
  /** True when the import committed something. */
  written: z.boolean(),
  imported: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(problemView),
  warnings: z.array(problemView),
  files: z.array(fileReport),
});
export type ImportReport = z.infer<typeof importReport>;

export const previewColumn = z.object({
  header: z.string(),
  letter: z.string().optional(),
  field: z.string().nullable(),
  /** 1 exact … 0.6 near spelling; 1 for mapping-file entries; 0 when not recognised. */
  confidence: z.number(),
  source: z.string(),
  samples: z.array(z.string()),
});

export const importPreview = z.object({
  file: z.string(),
  sha256: z.string(),
  kind: z.enum(FILE_KINDS),
  format: z.string(),
  kindReason: z.string().optional(),
  sheet: z.string().optional(),
  columns: z.array(previewColumn),
  /** Header → ranked field guesses, for the mapping step. */
  suggestions: z.record(z.string(), z.array(z.object({ field: z.string(), confidence: z.number(), matched: z.string() }))),
  /** Fields a column of this kind of list may hold. */
  fields: z.array(z.string()),
  rows: z.array(z.object({
    row: z.number().int(), sheet: z.string(), data: z.record(z.string(), z.unknown()), original: z.record(z.string(), z.string()),
    cells: z.record(z.string(), z.string()), notes: z.array(z.object({ column: z.string(), message: z.string() })), rowHash: z.string(),
  })),
  problems: z.array(problemView),
  stats: z.object({ dataRows: z.number().int(), accepted: z.number().int(), rejected: z.number().int(), warnings: z.number().int(), sheets: z.number().int() }),
  /** Documents and Telegram: what would be stored. */
  text: z.string().optional(),
  messages: z.number().int().optional(),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const importRunView = z.object({
  id: z.string(),
  fileName: z.string(),
  fileSha256: z.string(),
  format: z.string(),
  importedAs: z.string(),
  sourceId: z.string().nullable(),
  sourceTitle: z.string().nullable(),
  stats: z.record(z.string(), z.unknown()),
  mapping: z.unknown(),
  at: z.string(),
  actor: z.string(),
  rejects: z.array(z.object({ sheet: z.string().nullable(), row: z.number().int(), column: z.string().nullable(), message: z.string(), raw: z.unknown() })),
});
export type ImportRunView = z.infer<typeof importRunView>;

export const importRunListQuery = z.object({
  fileSha256: z.string().regex(/^[0-9a-f]{4,64}$/).optional(),
  sourceId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const documentListQuery = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  sourceId: z.uuid().optional(),
  kind: z.enum(['document', 'telegram_message', 'telegram_service']).optional(),
  /** Include superseded versions (edited messages, replaced files). */
  all: z.enum(['0', '1']).default('0'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const documentView = z.object({
  id: z.string(),
  sourceId: z.string(),
  sourceTitle: z.string(),
  kind: z.string(),
  title: z.string().nullable(),
  /** The whole text, or (with q) passages around the matches. */
  text: z.string(),
  snippet: z.string().nullable(),
  extractedWith: z.string(),
  evidenceSha256: z.string().nullable(),
  publishedAt: z.string().nullable(),
  url: z.string().nullable(),
  meta: z.unknown(),
  version: z.number().int(),
  isCurrent: z.boolean(),
  createdAt: z.string(),
  score: z.number().optional(),
});
export type DocumentView = z.infer<typeof documentView>;
