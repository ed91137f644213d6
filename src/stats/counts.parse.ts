/**
 * Parse and validate a capture-pattern counts table from CSV text:
 * header = one column per list + a `count` column; one row per 0/1 pattern.
 * Errors name the line and the column. Pure: takes text, returns a CountsTable.
 */
import type { CountsTable } from './mse.types';
import { cellCounts } from './counts.table';

export class CountsCsvError extends Error {
  constructor(
    message: string,
    /** 1-based line number in the CSV text (the header is line 1), when the problem is on a line */
    readonly line?: number,
    /** column name, when the problem is in one column */
    readonly column?: string,
  ) {
    super(message);
    this.name = 'CountsCsvError';
  }
}

function splitCsvLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out.map((f) => f.trim());
}

function detectDelimiter(header: string): string {
  for (const d of [',', ';', '\t']) if (header.includes(d)) return d;
  return ',';
}

export function parseCountsCsv(text: string): CountsTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) throw new CountsCsvError('the CSV is empty: expected a header with one column per list and a "count" column');
  const delimiter = detectDelimiter(lines[headerIndex]);
  const header = splitCsvLine(lines[headerIndex], delimiter);
  const headerLine = headerIndex + 1;
  header.forEach((name, i) => {
    if (name === '') throw new CountsCsvError(`line ${headerLine}: column ${i + 1} of the header has no name`, headerLine);
  });
  const countIndex = header.findIndex((h) => h.toLowerCase() === 'count');
  if (countIndex < 0) throw new CountsCsvError(`line ${headerLine}: the header needs a "count" column (found: ${header.join(', ')})`, headerLine);
  const lists = header.filter((_, i) => i !== countIndex);
  const lower = new Set<string>();
  for (const name of header) {
    const key = name.toLowerCase();
    if (lower.has(key)) throw new CountsCsvError(`line ${headerLine}: column "${name}" appears twice in the header`, headerLine, name);
    lower.add(key);
  }
  if (lists.length < 2 || lists.length > 6) {
    throw new CountsCsvError(`line ${headerLine}: ${lists.length} list column(s); multiple systems estimation needs 2 to 6 lists`, headerLine);
  }
  const notes: string[] = [];
  const seen = new Map<string, number>();
  const rows: CountsTable['rows'] = [];
  for (let li = headerIndex + 1; li < lines.length; li++) {
    const lineNo = li + 1;
    if (lines[li].trim() === '') continue;
    const fields = splitCsvLine(lines[li], delimiter);
    if (fields.length !== header.length) {
      throw new CountsCsvError(`line ${lineNo}: expected ${header.length} fields (${header.join(', ')}), found ${fields.length}`, lineNo);
    }
    const pattern: number[] = [];
    header.forEach((name, i) => {
      if (i === countIndex) return;
      const value = fields[i];
      if (value !== '0' && value !== '1') {
        throw new CountsCsvError(`line ${lineNo}, column "${name}": expected 0 or 1, found "${value}"`, lineNo, name);
      }
      pattern.push(Number(value));
    });
    const countText = fields[countIndex];
    if (!/^\d+$/.test(countText)) {
      throw new CountsCsvError(
        `line ${lineNo}, column "${header[countIndex]}": expected a whole number of people (0 or more), found "${countText}"`,
        lineNo,
        header[countIndex],
      );
    }
    const count = Number(countText);
    if (!Number.isSafeInteger(count)) throw new CountsCsvError(`line ${lineNo}, column "${header[countIndex]}": ${countText} is too large`, lineNo, header[countIndex]);
    const key = pattern.join('');
    if (pattern.every((v) => v === 0)) {
      if (count > 0) {
        throw new CountsCsvError(
          `line ${lineNo}: the all-zero pattern (on none of the lists) has count ${count}; nobody can be counted as on no list — that number is what the estimate is for. Remove the line.`,
          lineNo,
        );
      }
      notes.push(`line ${lineNo}: the all-zero pattern with count 0 was ignored (it is the unknown being estimated)`);
      continue;
    }
    const previous = seen.get(key);
    if (previous !== undefined) throw new CountsCsvError(`line ${lineNo}: pattern ${key} already given on line ${previous}`, lineNo);
    seen.set(key, lineNo);
    rows.push({ pattern, count });
  }
  const missing = (1 << lists.length) - 1 - rows.length;
  if (missing > 0) notes.push(`${missing} capture pattern(s) not in the file were taken as 0 people`);
  const table: CountsTable = { lists, rows, notes };
  try {
    cellCounts(table); // final validation (at least one person, etc.)
  } catch (error) {
    throw new CountsCsvError((error as Error).message);
  }
  return table;
}
