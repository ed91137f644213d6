/**
 * Typed failures of the importers. Every public function of this room either returns a value
 * (with row-level problems inside it) or throws an ImportError, never anything else.
 */

export type ImportErrorCode =
  | 'unreadable'          // the file could not be read from disk
  | 'empty_file'          // no bytes, or no content after the header
  | 'binary_content'      // bytes are not text where text was expected
  | 'bad_encoding'        // an encoding was asked for that does not exist
  | 'unsupported_format'  // nothing in this room reads this kind of file
  | 'csv_syntax'          // CSV that cannot be split into records (e.g. a quote never closed)
  | 'xlsx_invalid'        // not a readable XLSX workbook
  | 'bad_mapping'         // mapping file invalid, or a mapping that names unknown fields
  | 'unknown_kind'        // --as auto could not tell persons/custody/allegations apart
  | 'telegram_invalid'    // result.json is not a Telegram Desktop export
  | 'path_traversal'      // a path inside an export points outside the export folder
  | 'pdf_invalid'
  | 'docx_invalid'
  | 'ocr_unavailable'     // tesseract (or pdftoppm for scanned PDFs) is not installed
  | 'ocr_failed';

export interface ImportErrorDetails {
  file?: string;
  sheet?: string;
  line?: number;
  column?: string;
}

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly details: ImportErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isImportError(e: unknown): e is ImportError {
  return e instanceof ImportError;
}

/** Short, log-safe description of an unknown thrown value (no stack, no data). */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message.split('\n')[0].slice(0, 300);
  return String(e).slice(0, 300);
}
