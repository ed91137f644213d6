import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractDocument, extractDocumentFile, sniffMediaType } from './documents';
import { isImportError } from './errors';
import { OCR_INSTALL_HINT, tesseractLanguages } from './ocr';
import { fixture } from './test-paths';

const hasTesseract = await tesseractLanguages().then((l) => ['ukr', 'rus', 'eng'].every((x) => l.includes(x)), () => false);

describe('extractDocument', () => {
  it('PDF text layer', async () => {
    const d = await extractDocumentFile(fixture('report.pdf'));
    expect(d).toMatchObject({ format: 'pdf', mediaType: 'application/pdf', method: 'pdf-text-layer', title: 'Synthetic report' });
    expect(d.pages).toHaveLength(1);
    expect(d.text).toContain('Subject: Ivan Testenko (invented), born 14.03.1991.');
    expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('DOCX', async () => {
    const d = await extractDocumentFile(fixture('statement.docx'));
    expect(d).toMatchObject({ format: 'docx', method: 'docx' });
    expect(d.text.split('\n\n')).toHaveLength(3);
    expect(d.text).toContain('перебував у СІЗО (вигадане) №0 з березня 2022 року.');
  });

  it('HTML: main text and title, boilerplate dropped', async () => {
    const d = await extractDocumentFile(fixture('article.html'));
    expect(d).toMatchObject({ format: 'html', method: 'html-readability', title: 'Синтетична новина | Вигаданий портал' });
    expect(d.meta).toMatchObject({ canonicalUrl: 'https://example.org/news/synthetic-1', publishedTime: '2024-03-01T09:30:00+02:00', lang: 'uk' });
    expect(d.text).toContain('перебував у СІЗО (вигадане) №0 з березня 2022 року');
    for (const junk of ['Головна', 'Політика конфіденційності', 'Популярне', 'tracking']) expect(d.text).not.toContain(junk);
  });

  it('HTML in Windows-1251 declared by <meta charset>', async () => {
    const html = '<html><head><meta charset="windows-1251"><title>Заголовок</title></head><body><p>Текст статті про вигадану подію.</p></body></html>';
    const d = await extractDocument(iconv.encode(html, 'windows-1251'));
    expect(d.encoding).toBe('windows-1251');
    expect(d.text).toContain('Текст статті про вигадану подію.');
  });

  it('plain text through decode.ts, whatever the file is called', async () => {
    const d = await extractDocument(iconv.encode('Свідчення: вигадана подія у березні 2022 року.', 'windows-1251'), { fileName: 'looks-like.pdf' });
    expect(d).toMatchObject({ format: 'text', encoding: 'windows-1251', text: 'Свідчення: вигадана подія у березні 2022 року.' });
  });

  it('sniffs the media type from bytes, not the name', async () => {
    expect(await sniffMediaType(readFileSync(fixture('report.pdf')))).toBe('application/pdf');
    expect(await sniffMediaType(readFileSync(fixture('tiny.png')))).toBe('image/png');
    expect(await sniffMediaType(readFileSync(fixture('allegations-ru-utf16.txt')))).toBe('text/plain');
    const renamed = await extractDocument(readFileSync(fixture('statement.docx')), { fileName: 'statement.html' });
    expect(renamed.format).toBe('docx');
  });

  it('images need tesseract: a clear message when it is missing (here: a tesseract path that does not exist)', async () => {
    expect(OCR_INSTALL_HINT).toBe('OCR needs tesseract-ocr (apt-get install tesseract-ocr tesseract-ocr-ukr tesseract-ocr-rus)');
    await expect(extractDocument(readFileSync(fixture('tiny.png')), { tesseractPath: '/nonexistent/tesseract' })).rejects.toMatchObject({ code: 'ocr_unavailable', message: OCR_INSTALL_HINT });
    await expect(extractDocumentFile(fixture('scan-uk.pdf'), { tesseractPath: '/nonexistent/tesseract' })).rejects.toMatchObject({ code: 'ocr_unavailable' });
  });

  it.runIf(hasTesseract)('OCR of an image when tesseract is installed (Ukrainian, Russian and English data)', async () => {
    expect((await extractDocumentFile(fixture('tiny.png'))).method).toBe('ocr');
    const d = await extractDocumentFile(fixture('scan-uk.png'));
    expect(d).toMatchObject({ format: 'image', method: 'ocr' });
    expect(d.text).toContain('СИНТЕТИЧНИЙ ДОКУМЕНТ');
    expect(d.text).toContain('Тестенко Іван Петрович');
    expect(d.text).toContain('Synthetic scan');
  });

  it.runIf(hasTesseract)('a scanned PDF (no text layer) goes through OCR page by page; with OCR off it is refused', async () => {
    const d = await extractDocumentFile(fixture('scan-uk.pdf'));
    expect(d).toMatchObject({ format: 'pdf', method: 'ocr' });
    expect(d.pages).toHaveLength(1);
    expect(d.text).toContain('Тестенко Іван Петрович');
    await expect(extractDocumentFile(fixture('scan-uk.pdf'), { ocr: 'never' })).rejects.toThrow(/no text layer/);
  });

  it('spreadsheets, empty files and unknown binaries are refused with a reason', async () => {
    await expect(extractDocumentFile(fixture('custody.xlsx'))).rejects.toThrow(/spreadsheet; import it as a list/);
    await expect(extractDocument(new Uint8Array())).rejects.toMatchObject({ code: 'empty_file' });
    await expect(extractDocument(Buffer.from([0, 1, 2, 3, 0, 0, 0, 9]))).rejects.toMatchObject({ code: 'unsupported_format' });
    await expect(extractDocumentFile('/nonexistent.pdf')).rejects.toMatchObject({ code: 'unreadable' });
  });

  it('truncated PDFs and DOCX files: text or an ImportError', async () => {
    for (const name of ['report.pdf', 'statement.docx']) {
      const full = readFileSync(fixture(name));
      await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: full.length - 1 }), async (n) => {
        try {
          const d = await extractDocument(full.subarray(0, n), { ocr: 'never' });
          expect(typeof d.text).toBe('string');
        } catch (e) {
          expect(isImportError(e)).toBe(true);
        }
      }), { numRuns: 25 });
    }
  });

  it('arbitrary bytes: text or an ImportError', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 600 }), async (bytes) => {
      try {
        await extractDocument(bytes, { ocr: 'never' });
      } catch (e) {
        expect(isImportError(e)).toBe(true);
      }
    }), { numRuns: 150 });
  });
});
