/**
 * XLSX → Sheets with exceljs. Date cells become ISO dates, formula cells their cached result (never
 * evaluated), rich text its plain text, hyperlinks their text (URL kept aside), merged cells the
 * master's value; a header row with merged group cells over a second row of sub-headers gives
 * "Group / Sub" header keys.
 */
import ExcelJS from 'exceljs';
import { ImportError, describeError } from '../errors';
import { columnLetter, findHeaderRowIndex, isBlankRow, uniqueHeaderKeys, type CellOrigin, type Sheet, type SheetNote, type SheetRow } from './sheet';

export interface XlsxOptions {
  fileName?: string;
  /** Only this sheet (by name). */
  sheet?: string;
  /** Header row number (1-based) instead of detecting it (applies to every sheet). */
  headerRow?: number;
  /** Include hidden sheets (default false: they are listed in `skipped`). */
  includeHidden?: boolean;
}

export interface XlsxResult {
  sheets: Sheet[];
  /** Sheets not returned, with the reason (hidden, empty). */
  skipped: { name: string; reason: string }[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO text of a date cell: YYYY-MM-DD when there is no time of day, else YYYY-MM-DDTHH:MM:SS. */
export function dateCellText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const day = `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0) return day;
  return `${day}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Excel shows at most 15 significant digits; 0.1+0.2 is displayed 0.3. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  return String(Number(n.toPrecision(15)));
}

interface Converted { text: string; origin?: CellOrigin; hyperlink?: string; note?: string }

function convert(value: unknown): Converted {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: numberText(value), origin: 'number' };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', origin: 'boolean' };
  if (value instanceof Date) {
    const text = dateCellText(value);
    const serial = (value.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
    const note = Number.isInteger(serial) && serial >= 1800 && serial <= 2200
      ? `date cell shows ${text} but holds the number ${serial}: was the year ${serial} typed into a date-formatted cell? kept as ${text}`
      : undefined;
    return { text, origin: 'date', note };
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return { text: (v.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join(''), origin: 'rich_text' };
    }
    if ('hyperlink' in v) {
      const inner = convert(v.text);
      return { text: inner.text, origin: 'hyperlink', hyperlink: typeof v.hyperlink === 'string' ? v.hyperlink : undefined };
    }
    if ('formula' in v || 'sharedFormula' in v) {
      const formula = String(v.formula ?? v.sharedFormula ?? '');
      if (v.result === undefined || v.result === null) {
        return { text: `=${formula}`, origin: 'formula', note: `formula without a cached result; kept as its text "=${formula.slice(0, 80)}" (not evaluated)` };
      }
      const inner = convert(v.result);
      return { text: inner.text, origin: 'formula', note: inner.origin === 'error' ? `formula result is the error ${inner.text}` : undefined };
    }
    if ('error' in v) return { text: String(v.error), origin: 'error' };
    if ('text' in v) return convert(v.text);
  }
  return { text: String(value) };
}

function readWorksheet(ws: ExcelJS.Worksheet, headerRowOpt: number | undefined): Sheet | null {
  const rowCount = ws.rowCount;
  const colCount = ws.columnCount;
  if (rowCount === 0 || colCount === 0) return null;
  const grid: string[][] = [];
  const origins: Record<string, CellOrigin> = {};
  const hyperlinks: Record<string, string> = {};
  const cellNotes: { row: number; col: number; message: string }[] = [];
  /** Row-major: for each cell, the address of its merge master when it is a non-master merged cell. */
  const slaveOf: (string | null)[][] = [];
  for (let r = 1; r <= rowCount; r++) {
    const row = ws.getRow(r);
    const texts: string[] = [];
    const slaves: (string | null)[] = [];
    for (let c = 1; c <= colCount; c++) {
      const cell = row.getCell(c);
      const isSlave = cell.isMerged && cell.master.address !== cell.address;
      const conv = convert(isSlave ? cell.master.value : cell.value);
      texts.push(conv.text);
      slaves.push(isSlave ? cell.master.address : null);
      const addr = `${columnLetter(c - 1)}${r}`;
      if (isSlave && conv.text !== '') origins[addr] = 'merged';
      else if (conv.origin) origins[addr] = conv.origin;
      if (conv.hyperlink && !isSlave) hyperlinks[addr] = conv.hyperlink;
      if (conv.note && !isSlave) cellNotes.push({ row: r, col: c - 1, message: conv.note });
    }
    grid.push(texts);
    slaveOf.push(slaves);
  }

  const h = headerRowOpt !== undefined ? Math.min(Math.max(0, headerRowOpt - 1), grid.length - 1) : findHeaderRowIndex(grid);
  const top = grid[h];
  // Two-level header: a horizontally merged group cell in the header row with sub-headers below it.
  const headerRows = [h + 1];
  let raw = top.slice();
  const next = grid[h + 1];
  if (next) {
    const topAddr = (c: number) => `${columnLetter(c)}${h + 1}`;
    const letterIndex = new Map<string, number>();
    for (let c = 0; c < colCount; c++) letterIndex.set(columnLetter(c), c);
    const groupCols = new Set<number>();
    for (let c = 0; c < colCount; c++) {
      const m = /^([A-Z]+)(\d+)$/.exec(slaveOf[h][c] ?? '');
      if (m && Number(m[2]) === h + 1) {
        groupCols.add(c);
        const mc = letterIndex.get(m[1]);
        if (mc !== undefined) groupCols.add(mc);
      }
    }
    const hasSub = [...groupCols].some((c) => next[c].trim() !== '' && slaveOf[h + 1][c] === null);
    const onlyVerticalContinuation = !isBlankRow(next) && next.every((t, c) => t.trim() === '' || (slaveOf[h + 1][c] !== null && slaveOf[h + 1][c] === (slaveOf[h][c] ?? topAddr(c))));
    if (hasSub || onlyVerticalContinuation) {
      headerRows.push(h + 2);
      raw = top.map((t, c) => {
        const sub = slaveOf[h + 1][c] !== null && slaveOf[h + 1][c] === (slaveOf[h][c] ?? topAddr(c)) ? '' : next[c];
        const a = t.trim();
        const b = sub.trim();
        if (!b) return a;
        if (!a || a === b) return b;
        return `${a} / ${b}`;
      });
    }
  }
  const header = uniqueHeaderKeys(raw);
  const columnLetters: Record<string, string> = {};
  header.forEach((k, c) => (columnLetters[k] = columnLetter(c)));

  const firstData = headerRows[headerRows.length - 1];
  const rows: SheetRow[] = [];
  for (let i = firstData; i < grid.length; i++) {
    if (isBlankRow(grid[i])) continue;
    const cells: Record<string, string> = {};
    for (let c = 0; c < colCount; c++) cells[header[c]] = grid[i][c];
    rows.push({ rowNumber: i + 1, cells });
  }
  const notes: SheetNote[] = cellNotes
    .filter((n) => n.row > firstData)
    .map((n) => ({ row: n.row, column: header[n.col], message: n.message }));
  return { name: ws.name, header, columnLetters, headerRows, rows, cellOrigins: origins, hyperlinks, notes };
}

/** Reads an XLSX workbook. Throws ImportError('xlsx_invalid') for anything exceljs cannot open. */
export async function readXlsx(bytes: Uint8Array, options: XlsxOptions = {}): Promise<XlsxResult> {
  const fileName = options.fileName ?? 'workbook.xlsx';
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs wants a Node Buffer; copy so the caller's bytes are never detached or mutated
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw new ImportError('xlsx_invalid', `${fileName} is not a readable XLSX workbook: ${describeError(e)}`, { file: fileName }, { cause: e });
  }
  const sheets: Sheet[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (const ws of wb.worksheets) {
    if (options.sheet !== undefined && ws.name !== options.sheet) continue;
    if (ws.state !== 'visible' && !options.includeHidden) { skipped.push({ name: ws.name, reason: `sheet is ${ws.state}` }); continue; }
    let sheet: Sheet | null;
    try {
      sheet = readWorksheet(ws, options.headerRow);
    } catch (e) {
      throw new ImportError('xlsx_invalid', `${fileName}, sheet "${ws.name}": ${describeError(e)}`, { file: fileName, sheet: ws.name }, { cause: e });
    }
    if (!sheet) skipped.push({ name: ws.name, reason: 'sheet is empty' });
    else sheets.push(sheet);
  }
  if (options.sheet !== undefined && sheets.length === 0 && !skipped.some((s) => s.name === options.sheet)) {
    throw new ImportError('xlsx_invalid', `${fileName} has no sheet named "${options.sheet}" (sheets: ${wb.worksheets.map((w) => w.name).join(', ')})`, { file: fileName });
  }
  return { sheets, skipped };
}
