import { describe, expect, it } from 'vitest';
import type { Field, ListKind } from './fields';
import { detectKind, normalizeHeader, recognizeHeader, suggestMapping } from './headers';
import { parseMappingFile, parseMappingJson, resolveMapping } from './mapping';

describe('normalizeHeader', () => {
  it('ignores case, spaces, punctuation, apostrophes, ё and Latin look-alikes', () => {
    expect(normalizeHeader("  Ім'я ")).toBe('імя');
    expect(normalizeHeader('ІМ’Я')).toBe('імя');
    expect(normalizeHeader("Iм'я")).toBe('імя'); // Latin I
    expect(normalizeHeader('В/ч.')).toBe('в ч');
    expect(normalizeHeader('Date-of-Birth')).toBe('date of birth');
    expect(normalizeHeader('№ п/п')).toBe('nr п п');
    expect(normalizeHeader('Семёнов')).toBe('семенов');
  });
});

describe('recognizeHeader in three languages', () => {
  const table: [string, Field, ListKind?][] = [
    ['Прізвище', 'familyName'], ['Фамилия', 'familyName'], ['Surname', 'familyName'], ['Last name', 'familyName'], ['FAMILY NAME', 'familyName'],
    ["Ім'я", 'givenName'], ['Ім’я', 'givenName'], ['Имя', 'givenName'], ['First name', 'givenName'], ['Given name', 'givenName'],
    ['По батькові', 'patronymic'], ['По-батькові', 'patronymic'], ['Отчество', 'patronymic'], ['Patronymic', 'patronymic'],
    ['ПІБ', 'fullName'], ['П.І.Б.', 'fullName'], ['ФИО', 'fullName'], ['Ф.И.О.', 'fullName'], ['Full name', 'fullName'], ["Прізвище, ім'я, по батькові", 'fullName'],
    ['Дата народження', 'birthDate'], ['Дата рождения', 'birthDate'], ['DOB', 'birthDate'], ['Date of birth', 'birthDate'], ['Дата народження (дд.мм.рррр)', 'birthDate'],
    ['В/ч', 'unit'], ['В/ч.', 'unit'], ['в/ч', 'unit'], ['Військова частина', 'unit'], ['Воинская часть', 'unit'], ['Unit', 'unit'],
    ['Звання', 'rank'], ['Звание', 'rank'], ['Rank', 'rank'], ['Військове звання на момент полону', 'rank'],
    ['Статус', 'status'], ['Status', 'status'],
    ['Дата статусу', 'statusDate'], ['Дата статуса', 'statusDate'], ['Status date', 'statusDate'],
    ['Стать', 'sex'], ['Пол', 'sex'], ['Sex', 'sex'], ['Gender', 'sex'],
    ['Громадянство', 'citizenship'], ['Гражданство', 'citizenship'], ['Citizenship', 'citizenship'],
    ['Особистий номер', 'serviceNumber'], ['Жетон', 'serviceNumber'], ['Особистий номер/жетон', 'serviceNumber'], ['Личный номер', 'serviceNumber'], ['Service number', 'serviceNumber'],
    ['Місце народження', 'birthPlace'], ['Место рождения', 'birthPlace'], ['Place of birth', 'birthPlace'],
    ['Місце утримання', 'facility', 'custody'], ['Место содержания', 'facility', 'custody'], ['Facility', 'facility', 'custody'],
    ['З', 'from', 'custody'], ['From', 'from', 'custody'], ['Дата полону', 'from', 'custody'], ['С', 'from', 'custody'],
    ['По', 'to', 'custody'], ['To', 'to', 'custody'], ['Дата звільнення', 'to', 'custody'], ['До', 'to', 'custody'],
    ['Тип порушення', 'types', 'allegations'], ['Вид нарушения', 'types', 'allegations'], ['Allegation type', 'types', 'allegations'], ['Type', 'types', 'allegations'],
    ['Опис', 'narrative', 'allegations'], ['Описание', 'narrative', 'allegations'], ['Narrative', 'narrative', 'allegations'],
    ['Дата', 'date', 'allegations'], ['Period', 'date', 'allegations'],
    ['Потерпілий', 'victimNames', 'allegations'], ['Victims', 'victimNames', 'allegations'],
    ['Виконавці', 'perpetrators', 'allegations'], ['Perpetrators', 'perpetrators', 'allegations'],
    ['Достовірність', 'credibility', 'allegations'], ['Credibility', 'credibility', 'allegations'],
    ['Місце', 'place', 'allegations'], ['Location', 'place', 'allegations'],
    ['Примітка', 'notes'], ['Джерело', 'source'], ['№', 'externalId'], ['№ п/п', 'externalId'],
  ];
  it.each(table)('%s → %s', (header, field, kind) => {
    expect(recognizeHeader(header, kind ?? 'persons')).toBe(field);
  });

  it('a field that the kind does not have is not recognised', () => {
    expect(recognizeHeader('Дата', 'persons')).toBeNull();
    expect(recognizeHeader('З', 'persons')).toBeNull();
    expect(recognizeHeader('Тип', 'custody')).toBeNull();
    expect(recognizeHeader('Колір очей', 'persons')).toBeNull();
  });
});

describe('suggestMapping', () => {
  it('ranks suggestions and tolerates typos', () => {
    expect(suggestMapping('Прізвище')[0]).toMatchObject({ field: 'familyName', confidence: 1 });
    expect(suggestMapping('Призвіще')[0]).toMatchObject({ field: 'familyName', confidence: 0.6 });
    expect(suggestMapping('Особа / Дата народження')[0]).toMatchObject({ field: 'birthDate' });
    expect(suggestMapping('Утримання / З', 'custody')[0]).toMatchObject({ field: 'from', confidence: 0.95 });
    expect(suggestMapping('zzz')).toEqual([]);
  });
});

describe('detectKind (--as auto)', () => {
  it('tells the three kinds apart', () => {
    expect(detectKind(['№', 'Прізвище', "Ім'я", 'Дата народження', 'Статус']).kind).toBe('persons');
    expect(detectKind(['ПІБ', 'Місце утримання', 'З', 'По']).kind).toBe('custody');
    expect(detectKind(['ФИО', 'Вид нарушения', 'Дата', 'Описание']).kind).toBe('allegations');
    expect(detectKind(['Victim', 'Type', 'Narrative']).kind).toBe('allegations');
    const none = detectKind(['a', 'b']);
    expect(none.kind).toBeNull();
    expect(none.reason).toMatch(/a \| b/);
  });
});

describe('mapping files', () => {
  it('validates with zod and names the problems', () => {
    expect(() => parseMappingFile({ version: 2, as: 'persons', columns: {} })).toThrow(/version/);
    expect(() => parseMappingFile({ version: 1, as: 'people', columns: {} })).toThrow(/as/);
    expect(() => parseMappingFile({ version: 1, as: 'persons', columns: { X: 'facility' } })).toThrow(/unknown field.*"X" → "facility"/);
    expect(() => parseMappingFile({ version: 1, as: 'persons', columns: {}, extra: 1 })).toThrow(/extra/);
    expect(() => parseMappingJson('{nope')).toThrow(/not valid JSON/);
    expect(parseMappingFile({ version: 1, as: 'allegations', columns: { Вид: 'type' } }).columns.Вид).toBe('types');
  });

  it('overrides and extends recognition; null ignores a column', () => {
    const header = ['Прізвище', 'Колір очей', 'Примітка', 'Дата народження'];
    const mapping = parseMappingFile({ version: 1, as: 'persons', columns: { 'колір очей': 'notes', Примітка: null }, dateOrder: 'mdy' });
    const m = resolveMapping(header, { mapping });
    expect(m.columns).toEqual({ Прізвище: 'familyName', 'Колір очей': 'notes', Примітка: null, 'Дата народження': 'birthDate' });
    expect(m.source).toMatchObject({ 'Колір очей': 'mapping', Примітка: 'ignored_by_mapping', Прізвище: 'recognised' });
    expect(m.dateOrder).toBe('mdy');
    expect(m.kindReason).toBe('from the mapping file');
  });

  it('reports a second column for the same field and mapping entries with no column', () => {
    const mapping = parseMappingFile({ version: 1, as: 'persons', columns: { 'Немає такої': 'rank' } });
    const m = resolveMapping(['Прізвище', 'Фамилия'], { mapping });
    expect(m.columns.Фамилия).toBeNull();
    expect(m.source.Фамилия).toBe('duplicate');
    expect(m.warnings.map((w) => w.message).join(' ')).toMatch(/already taken by "Прізвище".*no such column|no such column.*already taken/);
  });

  it('auto kind fails with a clear unknown_kind error', () => {
    expect(() => resolveMapping(['a', 'b'], { as: 'auto' })).toThrow(/cannot tell which kind of list/);
    expect(() => resolveMapping(['a'], { as: 'custody', mapping: parseMappingFile({ version: 1, as: 'persons', columns: {} }) })).toThrow(/mapping file is for a persons list/);
  });
});
