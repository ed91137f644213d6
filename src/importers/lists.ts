/**
 * The whole parsing half of a list import: bytes → sheets → column mapping → validated rows with
 * provenance. Nothing is written; the import service stores what this returns.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ImportError, describeError, isImportError } from './errors';
import { resolveMapping, type ColumnMapping, type ResolveMappingOptions } from './mapping';
import { fileRef, validateSheet, type ValidateOptions } from './rows';
import type { SourceFileRef, ValidationResult } from './rows.schema';
import { readTabular, type Sheet, type TabularOptions, type TabularResult } from './tabular';

export interface ParseListOptions extends TabularOptions, ResolveMappingOptions, ValidateOptions {}

export interface ParsedSheet {
  sheet: Sheet;
  mapping: ColumnMapping;
  result: ValidationResult;
}

export interface ParsedList {
  file: SourceFileRef;
  format: TabularResult['format'];
  encoding?: TabularResult['encoding'];
  delimiter?: TabularResult['delimiter'];
  sheets: ParsedSheet[];
  /** Sheets not imported and why (hidden, empty, kind of list not recognised). */
  skipped: { name: string; reason: string }[];
}

/** Parses and validates a list (CSV/XLSX bytes). Throws ImportError only. */
export async function parseList(bytes: Uint8Array, options: ParseListOptions = {}): Promise<ParsedList> {
  const name = options.fileName ?? 'list';
  const file = fileRef(name, bytes);
  const tab = await readTabular(bytes, { ...options, fileName: name });
  const sheets: ParsedSheet[] = [];
  const skipped = [...tab.skipped];
  let firstError: ImportError | null = null;
  for (const sheet of tab.sheets) {
    let mapping: ColumnMapping;
    try {
      mapping = resolveMapping(sheet.header, options);
    } catch (e) {
      if (isImportError(e) && e.code === 'unknown_kind' && tab.sheets.length > 1) {
        firstError ??= e;
        skipped.push({ name: sheet.name, reason: e.message });
        continue;
      }
      throw e;
    }
    sheets.push({ sheet, mapping, result: validateSheet(file, sheet, mapping, options) });
  }
  if (sheets.length === 0) {
    if (firstError) throw firstError;
    throw new ImportError('empty_file', `${name} has no sheet with data${skipped.length ? ` (${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')})` : ''}`, { file: name });
  }
  return { file, format: tab.format, encoding: tab.encoding, delimiter: tab.delimiter, sheets, skipped };
}

export async function parseListFile(path: string, options: ParseListOptions = {}): Promise<ParsedList> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new ImportError('unreadable', `cannot read ${path}: ${describeError(e)}`, { file: path });
  }
  return parseList(bytes, { ...options, fileName: options.fileName ?? basename(path) });
}
