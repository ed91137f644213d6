/** What a path holds: a Telegram export, a list (CSV/XLSX), a document, or nothing this room reads. */
import { open, readdir, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { decodeText, looksBinary } from './decode';
import { DOCX_TYPE, XLSX_TYPE, sniffMediaType } from './documents';
import { ImportError, describeError } from './errors';
import { detectDelimiter } from './tabular/csv';
import { findResultJson } from './telegram';

export type DetectedInput =
  | { kind: 'telegram'; path: string; resultJson: string }
  | { kind: 'tabular'; format: 'csv' | 'xlsx'; path: string; mediaType: string }
  | { kind: 'document'; format: 'pdf' | 'docx' | 'html' | 'text' | 'image'; path: string; mediaType: string }
  | { kind: 'unsupported'; path: string; mediaType: string | null; reason: string };

const HEAD_BYTES = 256 * 1024;

async function head(path: string): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** A Telegram Desktop JSON export starts with "name"/"type"/"id" then "messages", or has "chats": {"list"…}. */
function looksLikeTelegramJson(text: string): boolean {
  const t = text.trimStart();
  if (!t.startsWith('{')) return false;
  return (/"messages"\s*:\s*\[/.test(t) && /"type"\s*:\s*"/.test(t)) || /"chats"\s*:\s*\{\s*"about"|"chats"\s*:\s*\{\s*"list"/.test(t);
}

/** True when the first records split consistently on a delimiter into two or more fields. */
function looksLikeCsv(text: string): boolean {
  const d = detectDelimiter(text);
  if (!d) return false;
  const cut = text.length > 64 * 1024 ? text.slice(0, text.lastIndexOf('\n', 64 * 1024) + 1 || 64 * 1024) : text;
  let records: string[][];
  try {
    records = parse(cut, { delimiter: d, relax_quotes: true, relax_column_count: true, skip_empty_lines: true, to: 30 }) as string[][];
  } catch {
    return false;
  }
  if (records.length < 2) return false;
  const width = records[0].length;
  const same = records.filter((r) => r.length === width && width >= 2).length;
  return same / records.length >= 0.8;
}

/** Detects what `path` is, from its bytes (the name is not trusted). Throws ImportError('unreadable'). */
export async function detectInput(path: string): Promise<DetectedInput> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    throw new ImportError('unreadable', `cannot read ${path}: ${describeError(e)}`, { file: path });
  }
  if (st.isDirectory()) {
    const names = await readdir(path).catch(() => [] as string[]);
    const resultJson = await findResultJson(path);
    if (resultJson && looksLikeTelegramJson(decodeText(await head(resultJson)).text)) {
      return { kind: 'telegram', path: dirname(resultJson), resultJson };
    }
    if (names.includes('messages.html')) {
      return { kind: 'unsupported', path, mediaType: null, reason: 'a Telegram HTML export; export again in machine-readable JSON format' };
    }
    return { kind: 'unsupported', path, mediaType: null, reason: 'a folder that is not a Telegram export (no result.json)' };
  }
  if (!st.isFile()) return { kind: 'unsupported', path, mediaType: null, reason: 'not a regular file' };
  if (st.size === 0) return { kind: 'unsupported', path, mediaType: null, reason: 'empty file' };
  const bytes = await head(path);
  const mediaType = await sniffMediaType(bytes);
  if (mediaType === XLSX_TYPE) return { kind: 'tabular', format: 'xlsx', path, mediaType };
  if (mediaType === DOCX_TYPE) return { kind: 'document', format: 'docx', path, mediaType };
  if (mediaType === 'application/pdf') return { kind: 'document', format: 'pdf', path, mediaType };
  if (mediaType === 'text/html') return { kind: 'document', format: 'html', path, mediaType };
  if (mediaType && /^image\/(png|jpeg|tiff|bmp|webp|gif|jp2)$/.test(mediaType)) return { kind: 'document', format: 'image', path, mediaType };
  if (mediaType === 'application/x-cfb') return { kind: 'unsupported', path, mediaType, reason: 'legacy Office file (.xls/.doc); save as .xlsx/.docx' };
  if ((mediaType === 'text/plain' || mediaType === 'application/xml' || mediaType === 'application/json') && !looksBinary(bytes)) {
    const text = decodeText(bytes).text;
    if (looksLikeTelegramJson(text)) return { kind: 'telegram', path, resultJson: path };
    if (looksLikeCsv(text)) return { kind: 'tabular', format: 'csv', path, mediaType: 'text/csv' };
    return { kind: 'document', format: 'text', path, mediaType: 'text/plain' };
  }
  return { kind: 'unsupported', path, mediaType, reason: `${basename(path)}: ${mediaType ?? 'unrecognised binary data'}` };
}
