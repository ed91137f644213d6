import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isImportError } from '../errors';
import { fixture } from '../test-paths';
import { readTabular } from './index';
import { readXlsx } from './xlsx';

async function book(fill: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('S'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('readXlsx on the fixture', async () => {
  const { sheets, skipped } = await readXlsx(readFileSync(fixture('custody.xlsx')), { fileName: 'custody.xlsx' });
  const s = sheets[0];

  it('joins merged group headers with their sub-headers', () => {
    expect(s.name).toBe('Утримання');
    expect(s.headerRows).toEqual([1, 2]);
    expect(s.header).toEqual(['Особа / Прізвище', "Особа / Ім'я", 'Особа / По батькові', 'Особа / Дата народження', 'Утримання / Місце утримання', 'Утримання / З', 'Утримання / По', 'Примітка']);
    expect(s.rows[0].rowNumber).toBe(3);
  });

  it('turns date cells into ISO dates and warns about a year typed into a date cell', () => {
    expect(s.rows[0].cells['Особа / Дата народження']).toBe('1991-03-14');
    expect(s.cellOrigins?.D3).toBe('date');
    expect(s.rows[1].cells['Особа / Дата народження']).toBe('1905-06-12');
    expect(s.notes.some((n) => n.row === 4 && /holds the number 1990/.test(n.message))).toBe(true);
    expect(s.rows[2].cells['Утримання / З']).toBe('44652'); // an Excel serial in a General cell stays a number
  });

  it('keeps formula results, never evaluates, and keeps rich text and hyperlink text', () => {
    expect(s.rows[2].cells['Утримання / Місце утримання']).toBe('СІЗО (вигадане) №0');
    expect(s.rows[2].cells['Примітка']).toBe('посилання'); // =HYPERLINK(...) → its cached result
    expect(s.cellOrigins?.H5).toBe('formula');
    expect(s.rows[4].cells['Примітка']).toBe('=NOW()'); // no cached result: kept as text, with a note
    expect(s.notes.some((n) => n.row === 7 && /not evaluated/.test(n.message))).toBe(true);
    expect(s.rows[1].cells['Особа / Прізвище']).toBe('Вигаданюк ');
    expect(s.cellOrigins?.A4).toBe('rich_text');
    expect(s.rows[1].cells['Примітка']).toBe('джерело');
    expect(s.hyperlinks?.H4).toBe('https://example.org/source/1');
  });

  it('reads the second sheet and leaves the hidden one out', () => {
    expect(sheets[1].name).toBe('Allegations');
    expect(sheets[1].rows[0].cells.Date).toBe('2022-03-21');
    expect(skipped).toEqual([{ name: 'Службовий', reason: 'sheet is hidden' }]);
  });
});

describe('readXlsx', () => {
  it('vertical merges in a two-row header and merged data cells', async () => {
    const bytes = await book((ws) => {
      ws.getCell('A1').value = '№'; ws.mergeCells('A1:A2');
      ws.getCell('B1').value = 'ПІБ'; ws.mergeCells('B1:B2');
      ws.getCell('C1').value = 'Місце утримання'; ws.mergeCells('C1:C2');
      ws.getCell('A3').value = 1; ws.getCell('B3').value = 'Тестенко Іван'; ws.getCell('C3').value = 'СІЗО №0'; ws.mergeCells('C3:C4');
      ws.getCell('A4').value = 2; ws.getCell('B4').value = 'Вигаданюк Олег';
    });
    const [s] = (await readXlsx(bytes)).sheets;
    expect(s.headerRows).toEqual([1, 2]);
    expect(s.header).toEqual(['№', 'ПІБ', 'Місце утримання']);
    expect(s.rows.map((r) => r.cells['Місце утримання'])).toEqual(['СІЗО №0', 'СІЗО №0']);
    expect(s.cellOrigins?.C4).toBe('merged');
  });

  it('formula cells: HYPERLINK kept as its cached text, errors as the error code', async () => {
    const bytes = await book((ws) => {
      ws.addRow(['Прізвище', 'Джерело', 'Вік']);
      ws.addRow(['Тестенко', { formula: 'HYPERLINK("javascript:alert(1)","клік")', result: 'клік' }, { formula: '1/0', result: { error: '#DIV/0!' } }]);
    });
    const [s] = (await readXlsx(bytes)).sheets;
    expect(s.rows[0].cells).toEqual({ 'Прізвище': 'Тестенко', 'Джерело': 'клік', 'Вік': '#DIV/0!' });
  });

  it('rejects non-workbooks, truncated workbooks and legacy .xls with ImportError', async () => {
    const full = readFileSync(fixture('custody.xlsx'));
    await expect(readXlsx(Buffer.from('not a zip'))).rejects.toMatchObject({ code: 'xlsx_invalid' });
    await expect(readXlsx(full.subarray(0, full.length >> 1))).rejects.toMatchObject({ code: 'xlsx_invalid' });
    await expect(readTabular(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).rejects.toMatchObject({ code: 'unsupported_format' });
    await expect(readXlsx(full, { sheet: 'Немає' })).rejects.toMatchObject({ code: 'xlsx_invalid' });
  });

  it('truncated at any length: sheets or ImportError', async () => {
    const full = readFileSync(fixture('custody.xlsx'));
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: full.length - 1 }), async (n) => {
      try {
        await readTabular(full.subarray(0, n));
      } catch (e) {
        expect(isImportError(e)).toBe(true);
      }
    }), { numRuns: 40 });
  });

  it('round-trips arbitrary strings, numbers, dates and huge cells', async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 40 }).filter((s) => s.trim() !== '' && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s) && !/[\ud800-\udfff]/.test(s)),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.date({ min: new Date(Date.UTC(1901, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true }).map((d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))),
    );
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 8 }), async (rows) => {
      const bytes = await book((ws) => {
        ws.addRow(['A', 'B']);
        rows.forEach((r) => ws.addRow(r));
        ws.getCell('A2').value = 'я'.repeat(30_000); // Excel's own limit is 32 767 characters
      });
      const [s] = (await readXlsx(bytes)).sheets;
      expect(s.rows[0].cells.A.length).toBe(30_000);
      rows.slice(1).forEach((r, i) => {
        const want = r.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)));
        expect([s.rows[i + 1].cells.A, s.rows[i + 1].cells.B]).toEqual(want);
      });
    }), { numRuns: 25 });
  });
});
