/**
 * Text decoding with encoding detection: UTF-8 (with or without BOM), UTF-16 LE/BE (BOM or the
 * zero/0x04 high-byte pattern), and for bytes that are not UTF-8 the Cyrillic single-byte code
 * pages Windows-1251, KOI8-R and KOI8-U chosen by Cyrillic letter frequencies (Windows-1252 when
 * the non-ASCII bytes look like isolated Latin accents). Never throws on any bytes.
 */
import iconv from 'iconv-lite';
import { cyrillicScore } from './decode-score';
import { ImportError } from './errors';

export { cyrillicScore } from './decode-score';

export interface DecodedText {
  text: string;
  /** Name of the encoding used (lower case, iconv-lite spelling). */
  encoding: string;
  /** A byte-order mark was present (and removed from `text`). */
  bom: boolean;
  /** False when the encoding was a guess between close candidates. */
  confident: boolean;
  warnings: string[];
}

export interface DecodeOptions {
  /** Force an encoding (any name iconv-lite knows); detection is skipped, a BOM is still removed. */
  encoding?: string;
}

/** Bytes scored when choosing between single-byte code pages. */
const SAMPLE_BYTES = 256 * 1024;

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

function stripUtf8Bom(bytes: Uint8Array): [Uint8Array, boolean] {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return [bytes.subarray(3), true];
  return [bytes, false];
}

function decodeUtf16(bytes: Uint8Array, le: boolean): string {
  const even = bytes.length - (bytes.length % 2);
  const body = bytes.subarray(0, even);
  return iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), le ? 'utf-16le' : 'utf-16be');
}

/** UTF-16 without a BOM: one byte of each pair is almost always 0x00 (Latin) or 0x04 (Cyrillic). */
export function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(bytes.length / 2);
  if (pairs < 2) return null;
  const sample = Math.min(pairs, 4096);
  let smallOdd = 0;
  let smallEven = 0;
  let zeroOdd = 0;
  let zeroEven = 0;
  const small = (b: number) => b === 0x00 || b === 0x04 || b === 0x20 || b === 0x21;
  for (let i = 0; i < sample; i++) {
    const e = bytes[2 * i];
    const o = bytes[2 * i + 1];
    if (small(o)) smallOdd++;
    if (small(e)) smallEven++;
    if (o === 0 || o === 4) zeroOdd++;
    if (e === 0 || e === 4) zeroEven++;
  }
  if (smallOdd / sample >= 0.9 && zeroOdd > 0 && smallEven / sample < 0.5) return 'utf-16le';
  if (smallEven / sample >= 0.9 && zeroEven > 0 && smallOdd / sample < 0.5) return 'utf-16be';
  return null;
}

/** Counts well-formed multi-byte UTF-8 sequences and invalid bytes. */
function utf8Stats(bytes: Uint8Array): { multibyte: number; invalid: number } {
  let multibyte = 0;
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) { i++; continue; }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (ok) { multibyte++; i += len; } else { invalid++; i++; }
  }
  return { multibyte, invalid };
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8Fatal.decode(bytes);
  } catch {
    return null;
  }
}

function hasNul(bytes: Uint8Array): boolean {
  return bytes.indexOf(0) !== -1;
}

/** Share of non-ASCII bytes with only ASCII neighbours ("café"): Latin accents, not Cyrillic words. */
function isolatedHighRatio(bytes: Uint8Array): number {
  let high = 0;
  let isolated = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] < 0x80) continue;
    high++;
    const prev = i > 0 ? bytes[i - 1] : 0;
    const next = i + 1 < bytes.length ? bytes[i + 1] : 0;
    if (prev < 0x80 && next < 0x80) isolated++;
  }
  return high === 0 ? 0 : isolated / high;
}

function single(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

/** Detects the encoding of `bytes` and decodes them. Never throws unless a forced encoding is unknown. */
export function decodeText(input: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const bytes = input;
  const warnings: string[] = [];

  if (options.encoding) {
    const enc = options.encoding.toLowerCase();
    if (!iconv.encodingExists(enc)) throw new ImportError('bad_encoding', `unknown encoding "${options.encoding}"`);
    let bom = false;
    let text = single(bytes, enc);
    if (text.charCodeAt(0) === 0xfeff) { text = text.slice(1); bom = true; }
    return { text, encoding: enc, bom, confident: true, warnings };
  }

  if (bytes.length === 0) return { text: '', encoding: 'utf-8', bom: false, confident: true, warnings };

  // 1. Byte-order marks.
  const [afterBom, utf8Bom] = stripUtf8Bom(bytes);
  if (utf8Bom) {
    const strict = tryUtf8(afterBom);
    if (strict === null) warnings.push('UTF-8 byte-order mark but invalid UTF-8 bytes; undecodable bytes shown as \uFFFD');
    return { text: strict ?? utf8Lossy.decode(afterBom), encoding: 'utf-8', bom: true, confident: strict !== null, warnings };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    if (bytes.length % 2 === 1) warnings.push('UTF-16 text with an odd number of bytes (truncated?); last byte dropped');
    return { text: decodeUtf16(bytes.subarray(2), true), encoding: 'utf-16le', bom: true, confident: true, warnings };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    if (bytes.length % 2 === 1) warnings.push('UTF-16 text with an odd number of bytes (truncated?); last byte dropped');
    return { text: decodeUtf16(bytes.subarray(2), false), encoding: 'utf-16be', bom: true, confident: true, warnings };
  }

  // 2. UTF-16 without BOM (only plausible when a NUL or 0x04 pattern is there).
  const u16 = guessUtf16(bytes);
  if (u16) {
    if (bytes.length % 2 === 1) warnings.push('UTF-16 text with an odd number of bytes (truncated?); last byte dropped');
    return { text: decodeUtf16(bytes, u16 === 'utf-16le'), encoding: u16, bom: false, confident: false, warnings };
  }
  if (hasNul(bytes)) warnings.push('contains NUL bytes: probably not a text file');

  // 3. Valid UTF-8 (pure ASCII included).
  const strict = tryUtf8(bytes);
  if (strict !== null) return { text: strict, encoding: 'utf-8', bom: false, confident: true, warnings };

  // 3b. UTF-8 cut in the middle of the last character.
  for (let k = 1; k <= 3 && k < bytes.length; k++) {
    const head = tryUtf8(bytes.subarray(0, bytes.length - k));
    if (head !== null && bytes[bytes.length - k] >= 0xc2) {
      warnings.push('file ends in the middle of a UTF-8 character (truncated?); shown as \uFFFD');
      return { text: head + '\uFFFD', encoding: 'utf-8', bom: false, confident: true, warnings };
    }
  }

  // 3c. Mostly UTF-8 with a few broken bytes.
  const stats = utf8Stats(bytes);
  if (stats.multibyte >= 10 * stats.invalid) {
    warnings.push(`${stats.invalid} byte(s) are not valid UTF-8 in an otherwise UTF-8 file; shown as \uFFFD`);
    return { text: utf8Lossy.decode(bytes), encoding: 'utf-8', bom: false, confident: false, warnings };
  }

  // 4. Single-byte code pages, chosen on a sample (scoring is per character), then decoded whole.
  const sample = bytes.length > SAMPLE_BYTES ? bytes.subarray(0, SAMPLE_BYTES) : bytes;
  if (isolatedHighRatio(sample) > 0.6 && cyrillicScore(single(sample, 'windows-1251')) < Math.log(0.02)) {
    return { text: single(bytes, 'windows-1252'), encoding: 'windows-1252', bom: false, confident: false, warnings };
  }
  const candidates = ['windows-1251', 'koi8-r', 'koi8-u'].map((encoding) => {
    const text = single(sample, encoding);
    return { encoding, text, score: cyrillicScore(text) };
  });
  // KOI8-U differs from KOI8-R in eight positions only; report KOI8-R when they decode the same.
  if (candidates[1].text === candidates[2].text && single(bytes, 'koi8-r') === single(bytes, 'koi8-u')) candidates.pop();
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  const confident = candidates.length === 1 || best.score - candidates[1].score > 0.5;
  if (!confident) warnings.push(`encoding guessed as ${best.encoding} (close to ${candidates[1].encoding})`);
  return { text: sample === bytes ? best.text : single(bytes, best.encoding), encoding: best.encoding, bom: false, confident, warnings };
}

/** The bytes start with a UTF-8 or UTF-16 byte-order mark. */
export function hasTextBom(b: Uint8Array): boolean {
  return (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) || (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)));
}

/** True when bytes are probably not text at all (NUL bytes outside UTF-16, or many control bytes). */
export function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return false;
  if (guessUtf16(bytes)) return false;
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control / n > 0.1;
}
