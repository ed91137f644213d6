/**
 * Documents → text. The media type is sniffed from the bytes (file-type), never taken from the name:
 * PDF text layer (unpdf), DOCX (mammoth), HTML (Readability), plain text (decode.ts), and OCR with
 * tesseract for images and PDFs without a text layer.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { decodeText, guessUtf16, hasTextBom, looksBinary } from './decode';
import { ImportError, describeError } from './errors';
import { sha256Hex } from './hash';
import { extractHtml, looksLikeHtml } from './html';
import { ocrImage, ocrPdf, type OcrOptions } from './ocr';

export type DocumentFormat = 'pdf' | 'docx' | 'html' | 'text' | 'image';
export type ExtractionMethod = 'pdf-text-layer' | 'docx' | 'html-readability' | 'html-body' | 'text' | 'ocr';

export interface ExtractedDocument {
  fileName: string;
  sha256: string;
  format: DocumentFormat;
  /** Sniffed media type. */
  mediaType: string;
  method: ExtractionMethod;
  text: string;
  title: string | null;
  /** PDF: text per page. */
  pages?: string[];
  /** Text and HTML: the encoding used. */
  encoding?: string;
  /** Document metadata found on the way (PDF info, HTML canonical URL and publication time, image EXIF…). */
  meta: Record<string, string>;
  warnings: string[];
}

export interface DocumentOptions extends OcrOptions {
  fileName?: string;
  /** 'auto' (default): OCR images and PDFs without a text layer; 'never': fail instead; 'always': OCR PDFs too. */
  ocr?: 'auto' | 'never' | 'always';
}

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/tiff', 'image/bmp', 'image/webp', 'image/gif', 'image/jp2']);
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The media type of bytes: file-type's answer, else text/html or text/plain for text, else null. */
export async function sniffMediaType(bytes: Uint8Array): Promise<string | null> {
  if (bytes.length === 0) return null;
  // text with a byte-order mark or in UTF-16 (FF FE… would otherwise pass for an MPEG audio frame)
  const isText = hasTextBom(bytes) || guessUtf16(bytes) !== null;
  let ft: { mime: string } | undefined;
  if (!isText) {
    try {
      ft = await fileTypeFromBuffer(bytes);
    } catch {
      ft = undefined;
    }
    if (ft && ft.mime !== 'application/xml') return ft.mime;
    if (looksBinary(bytes)) return ft?.mime ?? null;
  }
  return looksLikeHtml(decodeText(bytes.subarray(0, 65536)).text) ? 'text/html' : ft?.mime ?? 'text/plain';
}

async function extractPdf(bytes: Uint8Array, name: string, options: DocumentOptions): Promise<Omit<ExtractedDocument, 'fileName' | 'sha256'>> {
  let pages: string[];
  const meta: Record<string, string> = {};
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 }); // a copy: pdf.js may detach the buffer; errors only
    pages = (await extractText(pdf, { mergePages: false })).text;
    try {
      const { info } = await getMeta(pdf);
      for (const k of ['Title', 'Author', 'Subject', 'Creator', 'Producer', 'CreationDate', 'ModDate']) {
        const v = (info as Record<string, unknown>)[k];
        if (typeof v === 'string' && v.trim()) meta[k.charAt(0).toLowerCase() + k.slice(1)] = v.trim();
      }
    } catch { /* metadata is optional */ }
    await pdf.destroy().catch(() => undefined);
  } catch (e) {
    throw new ImportError('pdf_invalid', `${name} is not a readable PDF: ${describeError(e)}`, { file: name });
  }
  const chars = pages.join('').replace(/\s+/g, '').length;
  const hasTextLayer = chars >= 10 * Math.max(1, pages.length) || (pages.length > 0 && chars >= 20);
  if (hasTextLayer && options.ocr !== 'always') {
    return { format: 'pdf', mediaType: 'application/pdf', method: 'pdf-text-layer', text: pages.map((p) => p.trim()).join('\n\n'), title: meta.title ?? null, pages, meta, warnings: [] };
  }
  if (options.ocr === 'never') {
    throw new ImportError('ocr_unavailable', `${name} has no text layer (a scan?) and OCR was turned off`, { file: name });
  }
  const ocrPages = await ocrPdf(bytes, options);
  return {
    format: 'pdf', mediaType: 'application/pdf', method: 'ocr', text: ocrPages.map((p) => p.trim()).join('\n\n'), title: meta.title ?? null, pages: ocrPages, meta,
    warnings: hasTextLayer ? [] : ['no text layer; text is from OCR and may contain recognition errors'],
  };
}

async function extractDocx(bytes: Uint8Array, name: string): Promise<Omit<ExtractedDocument, 'fileName' | 'sha256'>> {
  try {
    const r = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    const text = r.value.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
    const warnings = r.messages.map((m) => `${m.type}: ${m.message}`);
    return { format: 'docx', mediaType: DOCX_TYPE, method: 'docx', text, title: null, meta: {}, warnings };
  } catch (e) {
    throw new ImportError('docx_invalid', `${name} is not a readable DOCX document: ${describeError(e)}`, { file: name });
  }
}

async function imageMeta(bytes: Uint8Array): Promise<Record<string, string>> {
  try {
    const exifr = (await import('exifr')).default;
    const tags = (await exifr.parse(Buffer.from(bytes), { pick: ['DateTimeOriginal', 'CreateDate', 'Make', 'Model', 'latitude', 'longitude'] })) as Record<string, unknown> | undefined;
    const meta: Record<string, string> = {};
    for (const [k, v] of Object.entries(tags ?? {})) meta[k] = v instanceof Date ? v.toISOString() : String(v);
    return meta;
  } catch {
    return {};
  }
}

/** Extracts the text of a document given as bytes. Throws ImportError only. */
export async function extractDocument(bytes: Uint8Array, options: DocumentOptions = {}): Promise<ExtractedDocument> {
  const name = options.fileName ?? 'document';
  const sha256 = sha256Hex(bytes);
  if (bytes.length === 0) throw new ImportError('empty_file', `${name} is empty`, { file: name });
  const mediaType = await sniffMediaType(bytes);
  let r: Omit<ExtractedDocument, 'fileName' | 'sha256'>;
  if (mediaType === 'application/pdf') r = await extractPdf(bytes, name, options);
  else if (mediaType === DOCX_TYPE) r = await extractDocx(bytes, name);
  else if (mediaType === 'text/html') {
    const h = extractHtml(bytes);
    r = { format: 'html', mediaType, method: h.method, text: h.text, title: h.title, encoding: h.encoding, meta: h.meta, warnings: [] };
  } else if (mediaType === 'text/plain' || mediaType === 'application/xml') {
    const d = decodeText(bytes);
    r = { format: 'text', mediaType: 'text/plain', method: 'text', text: d.text, title: null, encoding: d.encoding, meta: {}, warnings: d.warnings };
  } else if (mediaType && IMAGE_TYPES.has(mediaType)) {
    if (options.ocr === 'never') throw new ImportError('ocr_unavailable', `${name} is an image and OCR was turned off`, { file: name });
    const meta = await imageMeta(bytes);
    const text = await ocrImage(bytes, mediaType.split('/')[1], options);
    r = { format: 'image', mediaType, method: 'ocr', text: text.trim(), title: null, meta, warnings: ['text is from OCR and may contain recognition errors'] };
  } else if (mediaType === XLSX_TYPE || mediaType === 'text/csv') {
    throw new ImportError('unsupported_format', `${name} is a spreadsheet; import it as a list, not as a document`, { file: name });
  } else {
    throw new ImportError('unsupported_format', `${name}: cannot extract text from ${mediaType ?? 'unrecognised binary data'}`, { file: name });
  }
  return { fileName: name, sha256, ...r };
}

/** Reads a file and extracts its text. */
export async function extractDocumentFile(path: string, options: DocumentOptions = {}): Promise<ExtractedDocument> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new ImportError('unreadable', `cannot read ${path}: ${describeError(e)}`, { file: path });
  }
  return extractDocument(bytes, { fileName: options.fileName ?? basename(path), ...options });
}
