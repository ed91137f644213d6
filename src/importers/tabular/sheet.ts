/** The uniform table every tabular reader produces: header keys and rows of string cells, with positions. */

export interface SheetRow {
  /** Row number as a spreadsheet user sees it (the header is row 1 when it is the first row). */
  rowNumber: number;
  /** Cells by header key, every value a string exactly as written (dates of XLSX date cells as ISO text). */
  cells: Record<string, string>;
  /** CSV only: physical line where the record starts (differs from rowNumber with multi-line cells). */
  line?: number;
}

/** How an XLSX cell value became its string (only recorded for cells that were not plain text). */
export type CellOrigin = 'number' | 'date' | 'boolean' | 'formula' | 'rich_text' | 'hyperlink' | 'error' | 'merged';

export interface SheetNote {
  row: number;
  column: string;
  message: string;
}

export interface Sheet {
  name: string;
  /** Unique header keys in column order (original header text, trimmed; duplicates get " (2)", empty get "Column C"). */
  header: string[];
  /** Spreadsheet column letter of each header key. */
  columnLetters: Record<string, string>;
  /** Row numbers used as header (one row, or two when row 1 has merged group cells). */
  headerRows: number[];
  rows: SheetRow[];
  /** XLSX only: cells whose value was not plain text, "C7" → origin. */
  cellOrigins?: Record<string, CellOrigin>;
  /** XLSX only: hyperlink targets of cells, "C7" → URL (the cell value is the link text). */
  hyperlinks?: Record<string, string>;
  /** Things a reader noticed but did not treat as errors (formula without cached value, extra cells...). */
  notes: SheetNote[];
}

export function columnLetter(index0: number): string {
  let n = index0 + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Makes header texts unique and non-empty: "" → "Column C", a repeated "Name" → "Name (2)". */
export function uniqueHeaderKeys(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    let key = h.replace(/\s+/g, ' ').trim();
    if (key === '') key = `Column ${columnLetter(i)}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key} (${n})`;
  });
}

/**
 * Index of the header row among the first rows: leading title rows (at most one distinct non-empty
 * value, e.g. "List of prisoners, March 2024") are skipped when a later row has two or more values.
 */
export function findHeaderRowIndex(rows: string[][], lookahead = 10): number {
  const limit = Math.min(rows.length, lookahead);
  for (let i = 0; i < limit; i++) {
    const distinct = new Set(rows[i].map((c) => c.trim()).filter((c) => c !== ''));
    if (distinct.size >= 2) return i;
  }
  for (let i = 0; i < rows.length; i++) if (rows[i].some((c) => c.trim() !== '')) return i;
  return 0;
}

export function isBlankRow(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}
