import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ImportError, isImportError } from '../errors';
import { fixture } from '../test-paths';
import { detectDelimiter, readCsv } from './csv';

describe('readCsv', () => {
  it('reads the Windows-1251 Ukrainian fixture with spreadsheet row numbers', () => {
    const r = readCsv(readFileSync(fixture('persons-uk-cp1251.csv')), { fileName: 'persons.csv' });
    expect(r.encoding.encoding).toBe('windows-1251');
    expect(r.delimiter).toBe(';');
    expect(r.sheet.header.slice(0, 5)).toEqual(['№', 'Прізвище', "Ім'я", 'По батькові', 'Дата народження']);
    expect(r.sheet.headerRows).toEqual([1]);
    expect(r.sheet.rows.map((x) => x.rowNumber)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const row4 = r.sheet.rows.find((x) => x.rowNumber === 4)!;
    expect(row4.cells['Примітка']).toBe('Рядок\nз переносом');
    expect(row4.line).toBe(4);
    expect(r.sheet.rows.find((x) => x.rowNumber === 5)!.line).toBe(6); // after the two-line cell
    expect(r.sheet.rows.find((x) => x.rowNumber === 6)!.cells['Примітка']).toBe('=HYPERLINK("http://example.org/x";"див.")');
    expect(r.sheet.columnLetters['Прізвище']).toBe('B');
  });

  it('detects , ; tab and |', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('a;b;c\n1;2,5;3\n')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(detectDelimiter('a|b\n1|2\n')).toBe('|');
    expect(detectDelimiter('"x;y",b\n"1;2",3\n')).toBe(',');
    expect(detectDelimiter('just text')).toBeNull();
  });

  it('skips a title row, keeps blank-row numbering, names empty and duplicate headers', () => {
    const text = "Список (синтетичний)\nПрізвище,,Прізвище,Ім'я\nА,1,Б,В\n\nВ,2,Г,Д\n";
    const r = readCsv(Buffer.from(text));
    expect(r.sheet.headerRows).toEqual([2]);
    expect(r.sheet.header).toEqual(['Прізвище', 'Column B', 'Прізвище (2)', "Ім'я"]);
    expect(r.sheet.rows.map((x) => x.rowNumber)).toEqual([3, 5]);
  });

  it('widens the header for extra non-empty cells, with a note', () => {
    const r = readCsv(Buffer.from('a,b\n1,2,3\n4,5\n'));
    expect(r.sheet.header).toEqual(['a', 'b', 'Column C']);
    expect(r.sheet.rows[0].cells['Column C']).toBe('3');
    expect(r.sheet.notes[0].message).toMatch(/beyond the header/);
  });

  it('fails clearly on an unclosed quote, empty and binary files', () => {
    expect(() => readCsv(Buffer.from('a,b\n"x,2\n'), { fileName: 'f.csv' })).toThrow(/never closed.*line 2/);
    expect(() => readCsv(Buffer.from('  \n'))).toThrow(ImportError);
    expect(() => readCsv(Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0]))).toThrow(/not a text file/);
  });

  it('keeps a huge cell whole', () => {
    const big = 'я'.repeat(2_000_000);
    const r = readCsv(Buffer.from(`a;b\n1;${big}\n`));
    expect(r.sheet.rows[0].cells.b.length).toBe(2_000_000);
  });
});

describe('readCsv properties', () => {
  const cell = fc.string({ maxLength: 30 });
  it('arbitrary bytes: a Sheet or an ImportError, nothing else', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
      try {
        const r = readCsv(bytes);
        expect(Array.isArray(r.sheet.rows)).toBe(true);
      } catch (e) {
        expect(isImportError(e)).toBe(true);
      }
    }), { numRuns: 400 });
  });

  it('round-trips quoted tables written in any supported encoding and delimiter', () => {
    fc.assert(fc.property(
      fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 15 }),
      fc.constantFrom(',', ';', '\t'),
      fc.constantFrom('utf-8', 'utf-16le'),
      (rows, delim, enc) => {
        const header = ['Прізвище', "Ім'я", 'Дата'];
        const q = (c: string) => `"${c.replace(/"/g, '""')}"`;
        const text = [header, ...rows].map((r) => r.map(q).join(delim)).join('\r\n') + '\r\n';
        const bytes = enc === 'utf-8' ? Buffer.from(text, 'utf8') : Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
        const r = readCsv(bytes, { delimiter: delim as ',' });
        const expected = rows.map((cells, i) => ({ i: i + 2, cells })).filter((x) => x.cells.some((c) => c.trim() !== ''));
        expect(r.sheet.rows.map((x) => x.rowNumber)).toEqual(expected.map((x) => x.i));
        expect(r.sheet.rows.map((x) => header.map((h) => x.cells[h]))).toEqual(expected.map((x) => x.cells));
      },
    ), { numRuns: 200 });
  });

  it('truncated files: a Sheet or a csv_syntax error', () => {
    const full = readFileSync(fixture('persons-uk-cp1251.csv'));
    fc.assert(fc.property(fc.integer({ min: 1, max: full.length }), (n) => {
      try {
        readCsv(full.subarray(0, n));
      } catch (e) {
        expect(isImportError(e)).toBe(true);
      }
    }), { numRuns: 200 });
  });
});
