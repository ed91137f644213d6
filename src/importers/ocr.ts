/**
 * OCR through the tesseract CLI (and pdftoppm from poppler-utils to turn scanned PDF pages into
 * images). Both are optional system tools: when missing, a clear ImportError says what to install.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportError, describeError } from './errors';

export const OCR_INSTALL_HINT = 'OCR needs tesseract-ocr (apt-get install tesseract-ocr tesseract-ocr-ukr tesseract-ocr-rus)';
export const OCR_LANGUAGES = ['ukr', 'rus', 'eng'];

export interface OcrOptions {
  /** tesseract executable (default "tesseract" on PATH). */
  tesseractPath?: string;
  /** pdftoppm executable (default "pdftoppm" on PATH). */
  pdftoppmPath?: string;
  /** Milliseconds per page (default 120 000). */
  timeoutMs?: number;
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(Object.assign(err, { stderr }));
      else resolvePromise({ stdout, stderr });
    });
  });
}

const isMissing = (e: unknown) => (e as NodeJS.ErrnoException)?.code === 'ENOENT';

/** Languages tesseract has, or throws ImportError('ocr_unavailable') when it is not installed. */
export async function tesseractLanguages(options: OcrOptions = {}): Promise<string[]> {
  try {
    const { stdout } = await run(options.tesseractPath ?? 'tesseract', ['--list-langs'], 30_000);
    return stdout.split(/\r?\n/).slice(1).map((l) => l.trim()).filter(Boolean);
  } catch (e) {
    if (isMissing(e)) throw new ImportError('ocr_unavailable', OCR_INSTALL_HINT);
    throw new ImportError('ocr_unavailable', `tesseract does not run (${describeError(e)}); ${OCR_INSTALL_HINT}`);
  }
}

async function languageArg(options: OcrOptions): Promise<string> {
  const have = new Set(await tesseractLanguages(options));
  const missing = OCR_LANGUAGES.filter((l) => !have.has(l));
  if (missing.length > 0) {
    throw new ImportError('ocr_unavailable', `tesseract lacks the language data ${missing.join(', ')}; ${OCR_INSTALL_HINT}`);
  }
  return OCR_LANGUAGES.join('+');
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-ocr-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function ocrFile(path: string, langs: string, options: OcrOptions): Promise<string> {
  try {
    const { stdout } = await run(options.tesseractPath ?? 'tesseract', [path, '-', '-l', langs], options.timeoutMs ?? 120_000);
    return stdout;
  } catch (e) {
    if (isMissing(e)) throw new ImportError('ocr_unavailable', OCR_INSTALL_HINT);
    throw new ImportError('ocr_failed', `tesseract failed: ${describeError(e)}`);
  }
}

/** OCR of one image (PNG, JPEG, TIFF, BMP, WebP, GIF…). */
export async function ocrImage(bytes: Uint8Array, ext: string, options: OcrOptions = {}): Promise<string> {
  const langs = await languageArg(options);
  return withTempDir(async (dir) => {
    const path = join(dir, `image.${ext.replace(/[^a-z0-9]/gi, '') || 'img'}`);
    await writeFile(path, bytes);
    return ocrFile(path, langs, options);
  });
}

/** OCR of every page of a PDF without a text layer: pdftoppm renders pages at 300 dpi, tesseract reads them. */
export async function ocrPdf(bytes: Uint8Array, options: OcrOptions = {}): Promise<string[]> {
  const langs = await languageArg(options);
  return withTempDir(async (dir) => {
    const pdf = join(dir, 'doc.pdf');
    await writeFile(pdf, bytes);
    try {
      await run(options.pdftoppmPath ?? 'pdftoppm', ['-r', '300', '-png', pdf, join(dir, 'page')], (options.timeoutMs ?? 120_000) * 10);
    } catch (e) {
      if (isMissing(e)) throw new ImportError('ocr_unavailable', `OCR of scanned PDFs needs pdftoppm (apt-get install poppler-utils); ${OCR_INSTALL_HINT}`);
      throw new ImportError('ocr_failed', `pdftoppm failed: ${describeError(e)}`);
    }
    const pages = (await readdir(dir)).filter((f) => /^page-\d+\.png$/.test(f)).sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
    const out: string[] = [];
    for (const p of pages) out.push(await ocrFile(join(dir, p), langs, options));
    return out;
  });
}
