import { describe, expect, it } from 'vitest';
import { ColumnStore } from '../encode/columns';
import type { LinkRecord } from '../record';
import { compileComparison } from './comparators';
import type { ComparisonSpec } from './comparison.types';

/** Level label of comparing record a with record b under `spec` (null when a side is missing). */
function level(spec: ComparisonSpec, a: Partial<LinkRecord>, b: Partial<LinkRecord>): string | null {
  const store = new ColumnStore([{ id: 'a', ...a }, { id: 'b', ...b }]);
  const c = compileComparison(store, spec);
  const l = c.compare(0, 1);
  expect(c.compare(1, 0)).toBe(l); // symmetric
  return l === 0 ? null : c.levels[l - 1];
}

describe('name comparison levels', () => {
  const fam: ComparisonSpec = { kind: 'name', field: 'familyName' };
  const giv: ComparisonSpec = { kind: 'name', field: 'givenName' };
  it.each([
    ['Коваленко', 'коваленко', 'exact'],
    ['Коваленко', 'Kovalenko', 'exact'], // key-equal across scripts is as exact as scripts allow
    ['Kovalenko', 'Kowalenko', 'transliteration'], // same script, other romanisation
    ['Ковальський', 'Ковальская', 'transliteration'], // same script, gendered Russian form
    ['Гнатюк', 'Гнатюк', 'exact'],
    ['Kovalenko', 'Kovalenki', 'jw≥0.92'],
    ['Kuznetsov', 'Kusnezow', 'phonetic'],
    ['Kovalchuk', 'Kovalczuk', 'transliteration'],
    ['Shevchuk', 'Shafchak', 'phonetic'],
    ['Melnyk', 'Melnichenko', 'jw≥0.80'],
    ['Kovalenko', 'Bondar', 'different'],
    ['Римський-Корсаков', 'Korsakov', 'jw≥0.92'], // a double surname contains the single one
  ])('family %s ~ %s → %s', (x, y, l) => expect(level(fam, { familyName: x }, { familyName: y })).toBe(l));
  it('missing is null, initials compare by letter', () => {
    expect(level(fam, { familyName: 'Kovalenko' }, {})).toBeNull();
    expect(level(giv, { givenName: 'О.' }, { givenName: 'Олег' })).toBe('initial');
    expect(level(giv, { givenName: 'О.' }, { givenName: 'Петро' })).toBe('different');
    expect(level(giv, { givenName: 'Саша' }, { givenName: 'Oleksandr' })).toBe('exact');
    expect(level(giv, { givenName: 'Олескандр' }, { givenName: 'Олександр' })).toBe('transliteration'); // spelling-corrected given name
  });
  it('takes family and given names from a full name', () => {
    expect(level(fam, { fullName: 'Коваленко Олександр Петрович' }, { familyName: 'Kovalenko' })).toBe('exact');
    expect(level({ kind: 'name', field: 'patronymic' }, { fullName: 'Коваленко Олександр Петрович' }, { patronymic: 'Petrovych' })).toBe('exact');
  });
});

describe('date comparison levels', () => {
  const d: ComparisonSpec = { kind: 'date', field: 'birthDate' };
  it.each([
    ['1990-03-14', '14.03.1990', 'exact'],
    ['1990-03-04', '1990-04-03', 'day-month swapped'],
    ['1990-03-14', '1990-03-15', 'day or month differs'],
    ['1990-03-14', '1990-03', 'year-month'],
    ['1990-03-14', '1990', 'year'],
    ['1990', '1990', 'year'],
    ['1990-03-14', '1991-03-14', 'year ±1, day and month agree'],
    ['14.03.1991', '1990-03-14', 'year ±1, day and month agree'],
    ['1990-03-14', '1991-03-15', 'different'],
    ['1990', '1991-05', '±1 year'],
    ['1990-03', '1991-03-14', '±1 year'],
    ['1990-03', '1991-04', 'different'],
    ['1990-03-14', '1990-07-20', 'different'],
    ['1990-03', '1990-07-20', 'different'],
    ['1990-03-14', '1975-03-14', 'different'],
    ['1990/1992', '1991-06-01', 'year'],
  ])('%s ~ %s → %s', (x, y, l) => expect(level(d, { birthDate: x }, { birthDate: y })).toBe(l));
  it('missing or unreadable is null', () => {
    expect(level(d, { birthDate: '1990' }, {})).toBeNull();
    expect(level(d, { birthDate: '1990' }, { birthDate: 'unknown' })).toBeNull();
  });
});

describe('other comparison levels', () => {
  it('identifier: exact, one edit (Damerau), different', () => {
    const s: ComparisonSpec = { kind: 'identifier', field: 'serviceNumber' };
    expect(level(s, { serviceNumber: 'АА 123456' }, { serviceNumber: 'AA123456' })).toBe('exact'); // Cyrillic look-alikes, spaces
    expect(level(s, { serviceNumber: 'AA123456' }, { serviceNumber: 'AA124356' })).toBe('one edit');
    expect(level(s, { serviceNumber: 'AA123456' }, { serviceNumber: 'BB999999' })).toBe('different');
  });
  it('text: exact, Jaro–Winkler bands, different', () => {
    const s: ComparisonSpec = { kind: 'text', field: 'address' };
    const f = (v: string) => ({ fields: { address: v } });
    expect(level(s, f('Stanley  Street'), f('stanley street'))).toBe('exact');
    expect(level(s, f('stanley street'), f('stanly street'))).toBe('jw≥0.92');
    expect(level(s, f('stanley street'), f('stanmore road'))).toBe('different');
  });
  it('category with rank vocabulary', () => {
    const s: ComparisonSpec = { kind: 'category', field: 'rank', normalize: 'rank' };
    expect(level(s, { rank: 'старший лейтенант' }, { rank: 'senior lieutenant' })).toBe('exact');
    expect(level(s, { rank: 'капітан' }, { rank: 'майор' })).toBe('different');
  });
  it('unit: exact, same number and kind, same number, other kind, different; code vs number is no evidence', () => {
    const s: ComparisonSpec = { kind: 'unit', field: 'unit' };
    expect(level(s, { unit: '36 ОБрМП' }, { unit: 'ОБрМП 36' })).toBe('exact');
    expect(level(s, { unit: '36 ОБрМП' }, { unit: '36-та окрема бригада морської піхоти' })).toBe('same number and kind');
    expect(level(s, { unit: '36 ОБрМП' }, { unit: '36 бригада' })).toBe('same number');
    expect(level(s, { unit: '36 ОБрМП' }, { unit: '36 ОМБр' })).toBe('same number, other kind');
    expect(level(s, { unit: '36 ОБрМП' }, { unit: '93 ОМБр' })).toBe('different');
    expect(level(s, { unit: 'в/ч А1234' }, { unit: '93 ОМБр' })).toBeNull();
  });
  it('place: folded exact (Харків = Харьков = Kharkiv), JW, different', () => {
    const s: ComparisonSpec = { kind: 'place', field: 'birthPlace' };
    expect(level(s, { birthPlace: 'Харків' }, { birthPlace: 'Харьков' })).toBe('exact');
    expect(level(s, { birthPlace: 'м. Харків' }, { birthPlace: 'Kharkiv' })).toBe('exact');
    expect(level(s, { birthPlace: 'Запоріжжя' }, { birthPlace: 'Запорожье' })).toBe('jw≥0.90');
    expect(level(s, { birthPlace: 'Київ' }, { birthPlace: 'Одеса' })).toBe('different');
  });
});
