/** CSV (and TSV) → Sheet: encoding detection, delimiter detection (, ; tab |), quote-aware records. */
import { parse } from 'csv-parse/sync';
import { decodeText, looksBinary, type DecodedText } from '../decode';
import { ImportError, describeError } from '../errors';
import { columnLetter, findHeaderRowIndex, isBlankRow, uniqueHeaderKeys, type Sheet, type SheetNote, type SheetRow } from './sheet';

export type Delimiter = ',' | ';' | '\t' | '|';
const DELIMITERS: Delimiter[] = [';', ',', '\t', '|'];

export interface CsvOptions {
  /** File name for messages and the sheet name. */
  fileName?: string;
  /** Force an encoding instead of detecting it. */
  encoding?: string;
  /** Force a delimiter instead of detecting it. */
  delimiter?: Delimiter;
  /** Header row number (1-based) instead of detecting it. */
  headerRow?: number;
}

export interface CsvResult {
  sheet: Sheet;
  encoding: DecodedText;
  delimiter: Delimiter;
}

/** Per physical record (quote-aware), how many times each candidate delimiter occurs outside quotes. */
function delimiterCounts(text: string, maxRecords: number): Map<Delimiter, number[]> {
  const counts = new Map<Delimiter, number[]>(DELIMITERS.map((d) => [d, []]));
  const current = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  let records = 0;
  let nonEmpty = false;
  const limit = Math.min(text.length, 256 * 1024);
  const flush = () => {
    if (nonEmpty) {
      for (const d of DELIMITERS) counts.get(d)!.push(current.get(d)!);
      records++;
    }
    for (const d of DELIMITERS) current.set(d, 0);
    nonEmpty = false;
  };
  for (let i = 0; i < limit && records < maxRecords; i++) {
    const ch = text[i];
    if (ch === '"') { inQuotes = !inQuotes; nonEmpty = true; continue; }
    if (inQuotes) continue;
    if (ch === '\n' || ch === '\r') { flush(); continue; }
    nonEmpty = true;
    if (current.has(ch as Delimiter)) current.set(ch as Delimiter, current.get(ch as Delimiter)! + 1);
  }
  if (records < maxRecords) flush();
  return counts;
}

/**
 * Picks the delimiter that splits most records into the same number of fields (> 1); ties go to
 * ";" then "," then tab then "|". Returns null when no candidate appears at all.
 */
export function detectDelimiter(text: string): Delimiter | null {
  const counts = delimiterCounts(text, 50);
  let best: Delimiter | null = null;
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const perRecord = counts.get(d)!;
    if (perRecord.length === 0) continue;
    const freq = new Map<number, number>();
    for (const c of perRecord) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let modeCount = 0;
    let mode = 0;
    for (const [c, f] of freq) if (f > modeCount || (f === modeCount && c > mode)) { modeCount = f; mode = c; }
    if (modeCount === 0) continue;
    // consistency first (share of records with the modal count), then how many fields it makes
    const score = (modeCount / perRecord.length) * 1000 + Math.min(mode, 100);
    if (score > bestScore) { bestScore = score; best = d; }
  }
  return best;
}

/** Reads CSV bytes into one Sheet. Throws ImportError (binary_content, empty_file, csv_syntax). */
export function readCsv(bytes: Uint8Array, options: CsvOptions = {}): CsvResult {
  const fileName = options.fileName ?? 'file.csv';
  if (looksBinary(bytes)) throw new ImportError('binary_content', `${fileName} is not a text file (binary bytes found)`, { file: fileName });
  const decoded = decodeText(bytes, { encoding: options.encoding });
  const text = decoded.text;
  if (text.trim() === '') throw new ImportError('empty_file', `${fileName} is empty`, { file: fileName });
  const delimiter = options.delimiter ?? detectDelimiter(text) ?? ',';

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
      bom: false,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as { code?: string; lines?: number };
    const line = typeof err.lines === 'number' ? err.lines : undefined;
    const what = err.code === 'CSV_QUOTE_NOT_CLOSED'
      ? `a quoted cell is never closed (the file may be truncated)`
      : describeError(e);
    throw new ImportError('csv_syntax', `${fileName}: cannot split into rows: ${what}${line ? ` (line ${line})` : ''}`, { file: fileName, line }, { cause: e });
  }

  const grid = records.map((r) => r.record);
  const headerIdx = options.headerRow !== undefined ? Math.max(0, options.headerRow - 1) : findHeaderRowIndex(grid);
  const rawHeader = grid[headerIdx] ?? [];
  let width = rawHeader.length;
  for (let i = headerIdx + 1; i < grid.length; i++) {
    const rec = grid[i];
    if (rec.length > width) {
      // only widen for non-empty extra cells (trailing delimiters are common)
      for (let c = rec.length - 1; c >= width; c--) if (rec[c].trim() !== '') { width = c + 1; break; }
    }
  }
  const paddedHeader = Array.from({ length: width }, (_, c) => rawHeader[c] ?? '');
  const header = uniqueHeaderKeys(paddedHeader);
  const columnLetters: Record<string, string> = {};
  header.forEach((h, c) => (columnLetters[h] = columnLetter(c)));
  const notes: SheetNote[] = [];
  for (let c = rawHeader.length; c < width; c++) {
    notes.push({ row: headerIdx + 1, column: header[c], message: `cells beyond the header in column ${columnLetter(c)}; kept as "${header[c]}"` });
  }

  const rows: SheetRow[] = [];
  let prevEndLine = 0;
  for (let i = 0; i < records.length; i++) {
    const { record, info } = records[i];
    const line = prevEndLine + 1;
    prevEndLine = info.lines;
    if (i <= headerIdx || isBlankRow(record)) continue;
    const cells: Record<string, string> = {};
    for (let c = 0; c < width; c++) cells[header[c]] = record[c] ?? '';
    rows.push({ rowNumber: i + 1, cells, line });
  }
  return {
    sheet: { name: fileName, header, columnLetters, headerRows: [headerIdx + 1], rows, notes },
    encoding: decoded,
    delimiter,
  };
}
