import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELDS_BY_KIND, LIST_KINDS } from './fields';
import { parseListFile } from './lists';
import { parseMappingJson, resolveMapping } from './mapping';
import { fileRef, validateSheet } from './rows';
import { DATA_SCHEMAS } from './rows.schema';
import type { Sheet } from './tabular/sheet';
import { fixture } from './test-paths';

const TODAY = { today: '2024-06-01' };

function sheetOf(header: string[], rows: string[][]): Sheet {
  const columnLetters: Record<string, string> = {};
  header.forEach((h, i) => (columnLetters[h] = String.fromCharCode(65 + i)));
  return {
    name: 'S', header, columnLetters, headerRows: [1], notes: [],
    rows: rows.map((r, i) => ({ rowNumber: i + 2, cells: Object.fromEntries(header.map((h, c) => [h, r[c] ?? ''])) })),
  };
}
const FILE = { name: 'list.csv', sha256: 'a'.repeat(64) };

describe('validateSheet on the fixtures', () => {
  it('persons (Windows-1251 CSV, Ukrainian headers)', async () => {
    const parsed = await parseListFile(fixture('persons-uk-cp1251.csv'), TODAY);
    const { result, mapping } = parsed.sheets[0];
    expect(mapping.kind).toBe('persons');
    expect(result.kind).toBe('persons');
    expect(result.stats).toEqual({ dataRows: 7, accepted: 5, rejected: 2 });
    const first = result.rows[0];
    expect(first.provenance).toMatchObject({ file: 'persons-uk-cp1251.csv', fileSha256: parsed.file.sha256, sheet: 'persons-uk-cp1251.csv', row: 2, line: 2 });
    expect(first.provenance.columns.familyName).toBe('Прізвище');
    expect(first.provenance.cells.birthDate).toBe('E2');
    expect(first.data).toMatchObject({ familyName: 'Тестенко', givenName: 'Іван', sex: 'male', citizenship: 'UA', status: 'captured', birthDate: { text: '1991-03-14' }, statusDate: { text: '2022-03' } });
    expect(first.original).toMatchObject({ birthDate: '14.03.1991', sex: 'ч', citizenship: 'Україна', status: 'в полоні', statusDate: '03.2022' });
    const errors = result.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.row, p.column, p.cell])).toEqual([[5, 'Дата народження', 'E5'], [7, 'Прізвище', 'B7']]);
    expect(errors[0].message).toContain('1990-02-31 does not exist');
    const formula = result.rows.find((r) => r.provenance.row === 6)!;
    expect(formula.data.notes).toBe('=HYPERLINK("http://example.org/x";"див.")');
    expect(result.problems.find((p) => p.row === 6)!.message).toMatch(/never evaluated/);
    const approx = result.rows.find((r) => r.provenance.row === 8)!;
    expect(approx.data.birthDate).toMatchObject({ text: '1985', approximate: true });
  });

  it('custody (XLSX, merged headers) with interval checks', async () => {
    const parsed = await parseListFile(fixture('custody.xlsx'), TODAY);
    expect(parsed.skipped.map((s) => s.name)).toEqual(['Службовий']);
    const custody = parsed.sheets[0].result;
    expect(custody.kind).toBe('custody');
    expect(custody.rows.map((r) => r.provenance.row)).toEqual([3, 4, 5]);
    expect(custody.rows[2].data).toMatchObject({ facility: 'СІЗО (вигадане) №0', from: { text: '2022-04-01' }, to: { text: '2023-03/2023-05' } });
    expect(custody.rows[2].notes.map((n) => n.column)).toContain('Утримання / По');
    expect(custody.rows[1].provenance.hyperlinks).toEqual({ Примітка: 'https://example.org/source/1' });
    expect(custody.problems.find((p) => p.row === 6 && p.severity === 'error')).toMatchObject({ column: 'Утримання / По', cell: 'G6', message: 'custody ends (2022-01-01) before it starts (2023-05-01)' });
    expect(custody.problems.find((p) => p.row === 7 && p.severity === 'error')!.message).toMatch(/no facility/);
    const allegations = parsed.sheets[1].result;
    expect(allegations.kind).toBe('allegations');
    expect(allegations.rows[0].data).toMatchObject({ types: ['beating'], victimNames: ['Ivan Testenko'], credibility: 2 });
  });

  it('allegations (UTF-16 tab-separated, Russian headers, mapping file)', async () => {
    const mapping = parseMappingJson(readFileSync(fixture('mapping-allegations-ru.json'), 'utf8'));
    const parsed = await parseListFile(fixture('allegations-ru-utf16.txt'), { ...TODAY, mapping });
    const { result } = parsed.sheets[0];
    expect(parsed.encoding?.encoding).toBe('utf-16le');
    expect(result.rows[1].data).toMatchObject({ types: ['deprivation', 'electric_shock'], date: { text: '2022-12/2023-02' }, perpetrators: ['охранник «А»', 'охранник «Б»'], credibility: 2 });
    expect(result.rows[0].extra).toEqual({ 'Комментарий оператора': 'проверить' });
    const bad = result.problems.filter((p) => p.severity === 'error');
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ row: 4, column: 'Вид нарушения', cell: 'C4' });
  });
});

describe('rowHash', () => {
  const header = ['Прізвище', "Ім'я", 'Дата народження', 'Примітка'];
  const mapping = resolveMapping(header, { as: 'persons' });
  const hashes = (rows: string[][]) => validateSheet(FILE, sheetOf(header, rows), mapping, TODAY).rows.map((r) => r.rowHash);

  it('is the same for the same row anywhere, in any file; new for a changed row', () => {
    const a = ['Тестенко', 'Іван', '14.03.1991', 'x'];
    const b = ['Вигаданюк', 'Олег', '1990', ''];
    const [ha, hb] = hashes([a, b]);
    expect(hashes([b, a])).toEqual([hb, ha]);
    expect(validateSheet({ name: 'other.xlsx', sha256: 'b'.repeat(64) }, sheetOf(header, [a]), mapping, TODAY).rows[0].rowHash).toBe(ha);
    expect(hashes([['Тестенко', 'Іван', '15.03.1991', 'x']])[0]).not.toBe(ha);
    expect(hashes([['Тестенко', 'Іван', '14.03.1991', 'y']])[0]).not.toBe(ha);
    expect(ha).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not change for whitespace-only edits that leave the values the same', () => {
    expect(hashes([['  Тестенко ', 'Іван', '14.03.1991', 'x']])[0]).toBe(hashes([['Тестенко', 'Іван', '1991-03-14', 'x']])[0]);
  });
});

describe('validateSheet edge cases', () => {
  it('huge cells become problems, not crashes', () => {
    const header = ['Прізвище', 'Опис', 'Тип'];
    const m = resolveMapping(header, { as: 'allegations' });
    const r = validateSheet(FILE, sheetOf(header, [['Я'.repeat(5000), 'н'.repeat(200_000), 'побиття'], ['Тестенко', 'коротко', 'побиття']]), m, TODAY);
    expect(r.rows.map((x) => x.provenance.row)).toEqual([3]);
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([[2, 'Прізвище'], [2, 'Опис']]);
    expect(r.problems[0].message).toMatch(/too long \(5000 characters, at most 200\)/);
  });

  it('control characters, future birth dates and unknown codes are errors naming the column', () => {
    const header = ['Прізвище', 'Дата народження', 'Стать', 'Статус'];
    const m = resolveMapping(header, { as: 'persons' });
    const r = validateSheet(FILE, sheetOf(header, [['A\u0000B', '', '', ''], ['Тестенко', '2030', '', ''], ['Тестенко', '', '', 'ув полоні'], ['Тестенко', '', 'x', ''], ['Тестенко', '', '', 'щось']]), m, TODAY);
    expect(r.rows.map((x) => x.provenance.row)).toEqual([4]);
    expect(r.rows[0].data.status).toBe('captured');
    expect(r.problems.map((p) => `${p.row}:${p.column}`)).toEqual(['2:Прізвище', '3:Дата народження', '5:Стать', '6:Статус']);
  });
});

describe('validateSheet properties', () => {
  const cellValue = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom('', '31.02.1990', '1990 р.', 'весна 2023', '=HYPERLINK("http://x","y")', '+1', '@SUM(A1)', 'чол', 'ж', 'в полоні', 'побиття', '3', 'невідомо', 'Тестенко'),
    fc.string({ minLength: 1000, maxLength: 3000 }),
  );
  it.each(LIST_KINDS)('%s: never throws; problems name file, row and column; accepted rows match the schema and keep originals', (kind) => {
    const header = ['Прізвище', 'ПІБ', 'Дата народження', 'Стать', 'Статус', 'Місце утримання', 'З', 'По', 'Тип', 'Дата', 'Опис', 'Достовірність', 'Потерпілі', 'Щось інше'];
    const mapping = resolveMapping(header, { as: kind });
    fc.assert(fc.property(fc.array(fc.array(cellValue, { minLength: header.length, maxLength: header.length }), { maxLength: 8 }), (rows) => {
      const sheet = sheetOf(header, rows);
      const r = validateSheet(FILE, sheet, mapping, TODAY);
      expect(r.stats.accepted + r.stats.rejected).toBe(rows.length);
      for (const p of r.problems) {
        expect(p.file).toBe('list.csv');
        expect(p.row).toBeGreaterThanOrEqual(1);
        expect(p.column.length).toBeGreaterThan(0);
        expect(p.message.length).toBeGreaterThan(0);
      }
      for (const row of r.rows) {
        expect(DATA_SCHEMAS[kind].safeParse(row.data).success).toBe(true);
        const cells = sheet.rows.find((x) => x.rowNumber === row.provenance.row)!.cells;
        for (const [field, original] of Object.entries(row.original)) expect(cells[row.provenance.columns[field as keyof typeof row.original]!]).toBe(original);
        for (const f of Object.keys(row.data)) expect(FIELDS_BY_KIND[kind]).toContain(f);
      }
      const rejectedRows = new Set(r.problems.filter((p) => p.severity === 'error').map((p) => p.row));
      expect(rejectedRows.size).toBe(r.stats.rejected);
    }), { numRuns: 150 });
  });

  it('fileRef hashes the bytes', () => {
    expect(fileRef('x', Buffer.from('abc')).sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
