/** Reads CSV or XLSX bytes (told apart by their bytes, not the name) into Sheets. */
import { ImportError } from '../errors';
import type { DecodedText } from '../decode';
import { readCsv, type Delimiter } from './csv';
import { readXlsx } from './xlsx';
import type { Sheet } from './sheet';

export * from './sheet';
export { readCsv, detectDelimiter, type CsvOptions, type CsvResult, type Delimiter } from './csv';
export { readXlsx, dateCellText, type XlsxOptions, type XlsxResult } from './xlsx';

export interface TabularOptions {
  fileName?: string;
  /** CSV: force an encoding. */
  encoding?: string;
  /** CSV: force a delimiter. */
  delimiter?: Delimiter;
  /** XLSX: only this sheet. */
  sheet?: string;
  /** Header row number (1-based) instead of detecting it. */
  headerRow?: number;
}

export interface TabularResult {
  format: 'csv' | 'xlsx';
  sheets: Sheet[];
  /** XLSX: sheets left out (hidden, empty). */
  skipped: { name: string; reason: string }[];
  /** CSV: encoding found (without the text). */
  encoding?: Omit<DecodedText, 'text'>;
  delimiter?: Delimiter;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

export async function readTabular(bytes: Uint8Array, options: TabularOptions = {}): Promise<TabularResult> {
  const fileName = options.fileName ?? 'list';
  if (bytes.length === 0) throw new ImportError('empty_file', `${fileName} is empty`, { file: fileName });
  if (startsWith(bytes, CFB)) {
    throw new ImportError('unsupported_format', `${fileName} is a legacy Excel (.xls) or other OLE file; save it as .xlsx or CSV`, { file: fileName });
  }
  if (startsWith(bytes, ZIP)) {
    const r = await readXlsx(bytes, { fileName, sheet: options.sheet, headerRow: options.headerRow });
    return { format: 'xlsx', sheets: r.sheets, skipped: r.skipped };
  }
  const r = readCsv(bytes, { fileName, encoding: options.encoding, delimiter: options.delimiter, headerRow: options.headerRow });
  const { text: _text, ...encoding } = r.encoding;
  return { format: 'csv', sheets: [r.sheet], skipped: [], encoding, delimiter: r.delimiter };
}
