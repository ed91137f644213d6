/**
 * The streamed CSV reader gives the sheet readCsv gives: same header, notes, row numbers, lines and
 * cells with content (blank cells, which validation skips, may be absent from rows read before a
 * later row widened the header).
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { streamCsv } from './csv-stream';
import { isImportError } from './errors';
import { readCsv, type SheetRow } from './tabular';

const nonEmpty = (rows: SheetRow[]) => rows.map((r) => ({ ...r, cells: Object.fromEntries(Object.entries(r.cells).filter(([, v]) => v.trim() !== '')) }));

async function both(bytes: Uint8Array, chunk: number) {
  let a: ReturnType<typeof readCsv> | Error;
  try { a = readCsv(bytes, { fileName: 'f.csv' }); } catch (e) { a = e as Error; }
  let b: { sheet: ReturnType<typeof streamCsv>['sheet']; rows: SheetRow[] } | Error;
  try {
    const s = streamCsv(bytes, { fileName: 'f.csv' });
    const rows: SheetRow[] = [];
    for await (const c of s.chunks(chunk)) { expect(c.length).toBeLessThanOrEqual(chunk); rows.push(...c); }
    b = { sheet: s.sheet, rows };
  } catch (e) { b = e as Error; }
  return { a, b };
}

describe('streamCsv', () => {
  it('equals readCsv on arbitrary delimited text (quotes, line breaks, cells beyond the header, blank lines)', async () => {
    const cell = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('', ' ', '"q"', 'a;b', 'x\ny', 'Тестенко', '=1+1'));
    await fc.assert(fc.asyncProperty(
      fc.array(fc.array(cell, { minLength: 0, maxLength: 7 }), { minLength: 1, maxLength: 25 }), fc.constantFrom(';', ',', '\t'), fc.constantFrom('\n', '\r\n'), fc.integer({ min: 1, max: 6 }), fc.boolean(),
      async (grid, d, nl, chunk, quoteAll) => {
        const q = (c: string) => (quoteAll || /[";,\t\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
        const text = grid.map((r) => r.map(q).join(d)).join(nl) + nl;
        const { a, b } = await both(Buffer.from(text, 'utf8'), chunk);
        if (a instanceof Error || b instanceof Error) {
          expect(a instanceof Error && b instanceof Error, `${a instanceof Error ? a.message : 'ok'} / ${b instanceof Error ? b.message : 'ok'}`).toBe(true);
          expect(isImportError(a) && isImportError(b)).toBe(true);
          return;
        }
        expect(b.sheet.header).toEqual(a.sheet.header);
        expect(b.sheet.columnLetters).toEqual(a.sheet.columnLetters);
        expect(b.sheet.headerRows).toEqual(a.sheet.headerRows);
        expect(b.sheet.notes).toEqual(a.sheet.notes);
        expect(nonEmpty(b.rows)).toEqual(nonEmpty(a.sheet.rows));
      },
    ), { numRuns: 300 });
  });

  it('truncated and re-encoded text: the same rows, or the same kind of error', async () => {
    const text = 'Прізвище;Ім\'я;Примітка\r\nТестенко;Іван;"рядок\r\nз переносом"\r\nВигаданюк;Олег;"незакрита\r\n';
    for (const enc of ['utf-8', 'windows-1251', 'utf-16le', 'koi8-u']) {
      const bytes = iconv.encode(text, enc);
      for (let cut = 0; cut <= bytes.length; cut += 7) {
        const { a, b } = await both(bytes.subarray(0, cut), 2);
        if (a instanceof Error || b instanceof Error) {
          expect(isImportError(a) && isImportError(b)).toBe(true);
          expect((b as { code?: string }).code).toBe((a as { code?: string }).code);
        } else expect(nonEmpty(b.rows)).toEqual(nonEmpty(a.sheet.rows));
      }
    }
  });
});
