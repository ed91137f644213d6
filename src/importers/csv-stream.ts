/**
 * CSV rows as a stream of chunks, for imports of large lists with flat memory: the same sheet as
 * `readCsv` (encoding, delimiter and header detection, row numbers, lines, header keys, cells beyond
 * the header), but records are parsed as they are consumed instead of all at once. Cells beyond the
 * header widen it when they appear (a note is added to `sheet.notes` then), so rows read before keep
 * exactly the cells they would have had.
 */
import { once } from 'node:events';
import { parse as parseStream } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { decodeText, looksBinary, type DecodedText } from './decode';
import { ImportError, describeError } from './errors';
import { columnLetter, detectDelimiter, findHeaderRowIndex, isBlankRow, uniqueHeaderKeys, type Delimiter, type Sheet, type SheetRow } from './tabular';

export interface CsvStream {
  /** Header, column letters, header row and notes; `rows` stays empty (rows come from `chunks`). */
  sheet: Sheet;
  encoding: Omit<DecodedText, 'text'>;
  delimiter: Delimiter;
  /** Lines after the header: an upper bound of the data rows (multi-line cells, blank lines), for progress. */
  estimatedRows: number;
  /** Data rows in chunks of `size`; throws ImportError('csv_syntax') where the file cannot be split. */
  chunks(size: number): AsyncGenerator<SheetRow[]>;
}

const FEED = 1 << 20;

function syntaxError(fileName: string, e: unknown): ImportError {
  const err = e as { code?: string; lines?: number };
  const line = typeof err.lines === 'number' ? err.lines : undefined;
  const what = err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted cell is never closed (the file may be truncated)' : describeError(e);
  return new ImportError('csv_syntax', `${fileName}: cannot split into rows: ${what}${line ? ` (line ${line})` : ''}`, { file: fileName, line }, { cause: e });
}

export function streamCsv(bytes: Uint8Array, options: { fileName?: string } = {}): CsvStream {
  const fileName = options.fileName ?? 'file.csv';
  if (looksBinary(bytes)) throw new ImportError('binary_content', `${fileName} is not a text file (binary bytes found)`, { file: fileName });
  const decoded = decodeText(bytes);
  const text = decoded.text;
  if (text.trim() === '') throw new ImportError('empty_file', `${fileName} is empty`, { file: fileName });
  const delimiter = detectDelimiter(text) ?? ',';
  const common = { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, info: true, bom: false } as const;

  let head: { record: string[] }[];
  try {
    head = parseSync(text, { ...common, to: 10 }) as unknown as { record: string[] }[];
  } catch (e) {
    throw syntaxError(fileName, e);
  }
  const headerIdx = findHeaderRowIndex(head.map((r) => r.record));
  const rawHeader = head[headerIdx]?.record ?? [];
  const sheet: Sheet = { name: fileName, header: [], columnLetters: {}, headerRows: [headerIdx + 1], rows: [], notes: [] };
  const setWidth = (width: number) => {
    const before = sheet.header.length;
    sheet.header = uniqueHeaderKeys(Array.from({ length: width }, (_, c) => rawHeader[c] ?? ''));
    sheet.columnLetters = {};
    sheet.header.forEach((h, c) => (sheet.columnLetters[h] = columnLetter(c)));
    for (let c = Math.max(before, rawHeader.length); c < width; c++) {
      sheet.notes.push({ row: headerIdx + 1, column: sheet.header[c], message: `cells beyond the header in column ${columnLetter(c)}; kept as "${sheet.header[c]}"` });
    }
  };
  setWidth(rawHeader.length);

  let newlines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines++;
  const { text: _t, ...encoding } = decoded;

  async function* chunks(size: number): AsyncGenerator<SheetRow[]> {
    const utf8 = Buffer.from(text, 'utf8');
    const parser = parseStream({ ...common, encoding: 'utf8' });
    let failure: unknown = null;
    parser.on('error', (e) => { failure = e; });
    void (async () => {
      try {
        for (let at = 0; at < utf8.length; at += FEED) {
          if (!parser.write(utf8.subarray(at, at + FEED))) await once(parser, 'drain');
        }
        parser.end();
      } catch (e) {
        parser.destroy(e as Error);
      }
    })();
    let width = rawHeader.length;
    let i = -1;
    let prevEndLine = 0;
    let batch: SheetRow[] = [];
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        i++;
        const line = prevEndLine + 1;
        prevEndLine = info.lines;
        if (i <= headerIdx || isBlankRow(record)) continue;
        if (record.length > width) {
          for (let c = record.length - 1; c >= width; c--) if (record[c].trim() !== '') { width = c + 1; break; }
          if (width > sheet.header.length) setWidth(width);
        }
        const cells: Record<string, string> = {};
        for (let c = 0; c < width; c++) cells[sheet.header[c]] = record[c] ?? '';
        batch.push({ rowNumber: i + 1, cells, line });
        if (batch.length >= size) { yield batch; batch = []; }
      }
    } catch (e) {
      throw syntaxError(fileName, e);
    }
    if (failure) throw syntaxError(fileName, failure);
    if (batch.length) yield batch;
  }

  return { sheet, encoding, delimiter, estimatedRows: Math.max(0, newlines - headerIdx), chunks };
}
