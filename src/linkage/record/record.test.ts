import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeRank, normalizeSex, normalizeUnit, parseBirthDate, splitFullName } from './index';

describe('splitFullName', () => {
  it.each([
    ['Коваленко Олександр Петрович', { familyName: 'Коваленко', givenName: 'Олександр', patronymic: 'Петрович' }],
    ['Олександр Петрович Коваленко', { familyName: 'Коваленко', givenName: 'Олександр', patronymic: 'Петрович' }],
    ['Oleksandr Kovalenko', { familyName: 'Kovalenko', givenName: 'Oleksandr' }],
    ['KOVALENKO Oleksandr', { familyName: 'KOVALENKO', givenName: 'Oleksandr' }],
    ['Kovalenko, Oleksandr', { familyName: 'Kovalenko', givenName: 'Oleksandr' }],
    ['Коваленко О.П.', { familyName: 'Коваленко', givenName: 'О', patronymic: 'П' }],
    ['Петрович Андрій', { familyName: 'Петрович', givenName: 'Андрій' }],
    ['Вакулик Игорь Богдановоич', { familyName: 'Вакулик', givenName: 'Игорь', patronymic: 'Богдановоич' }],
    ['Ihor Bohdanovoich Vakulyk', { familyName: 'Vakulyk', givenName: 'Ihor', patronymic: 'Bohdanovoich' }],
    ['Мельник', { familyName: 'Мельник' }],
    ['Petro', { givenName: 'Petro' }],
    ['', {}],
  ])('%s', (input, expected) => expect(splitFullName(input)).toEqual(expected));
});

describe('parseBirthDate', () => {
  it.each([
    ['1990', [1990, 1990, 0, 0]],
    ['1990-03', [1990, 1990, 3, 0]],
    ['1990-03-14', [1990, 1990, 3, 14]],
    ['14.03.1990', [1990, 1990, 3, 14]],
    ['14/3/1990', [1990, 1990, 3, 14]],
    ['03.1990', [1990, 1990, 3, 0]],
    ['19900314', [1990, 1990, 3, 14]],
    ['19591345', [1959, 1959, 13, 45]], // FEBRL corruption kept as written
    ['1990/1991', [1990, 1991, 0, 0]],
    ['1990 р.', [1990, 1990, 0, 0]],
    ['~1985', [1985, 1985, 0, 0]],
  ])('%s', (input, [y, y2, m, d]) => {
    const r = parseBirthDate(input);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toEqual({ year: y, yearTo: y2, month: m, day: d });
  });
  it('rejects text that is no date, with a message', () => {
    const r = parseBirthDate('unknown');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/not a recognised date/);
    expect(parseBirthDate('1700').ok).toBe(false);
  });
  it('property: every valid YYYY-MM-DD round-trips', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }), (d) => {
      const iso = d.toISOString().slice(0, 10);
      const r = parseBirthDate(iso);
      expect(r.ok && [r.value.year, r.value.month, r.value.day]).toEqual([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]);
      const dm = `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
      expect(parseBirthDate(dm)).toEqual(r);
    }));
  });
});

describe('military vocabularies', () => {
  it('ranks fold across languages', () => {
    expect(normalizeRank('Старший лейтенант')).toBe('senior_lieutenant');
    expect(normalizeRank('senior lieutenant')).toBe('senior_lieutenant');
    expect(normalizeRank('старший лейтенант')).toBe(normalizeRank('Старший Лейтенант'));
    expect(normalizeRank('рядовой')).toBe('soldier');
    expect(normalizeRank('солдат')).toBe('soldier');
    expect(normalizeRank('капитан')).toBe('captain');
  });
  it('units: code, number and folded text', () => {
    expect(normalizeUnit('в/ч А0000')).toEqual({ key: 'A0000', number: 'A0000', kind: '' });
    expect(normalizeUnit('military unit A0000').number).toBe('A0000');
    expect(normalizeUnit('36 ОБрМП').number).toBe('36');
    expect(normalizeUnit('36-та окрема бригада морської піхоти').number).toBe('36');
    expect(normalizeUnit('93 ОМБр').key).toBe(normalizeUnit('ОМБр 93').key);
  });
  it('unit kinds: abbreviation, Ukrainian, Russian and English words meet; the specific kind wins', () => {
    const kind = (t: string) => normalizeUnit(t).kind;
    expect(kind('36 ОБрМП')).toBe('marine');
    expect(kind('36-та окрема бригада морської піхоти')).toBe('marine');
    expect(kind('36-я отдельная бригада морской пехоты')).toBe('marine');
    expect(kind('36 OBRMP')).toBe('marine');
    expect(kind('93 ОМБр')).toBe('mechanized');
    expect(kind('93-я отдельная механизированная бригада')).toBe('mechanized');
    expect(kind('93rd Mechanized Brigade')).toBe('mechanized');
    expect(kind('25-та окрема десантно-штурмова бригада')).toBe('air-assault');
    expect(kind('3-тя окрема штурмова бригада')).toBe('assault');
    expect(kind('10 ОГШБр')).toBe('mountain-assault');
    expect(kind('в/ч А0000')).toBe('');
    expect(kind('36 бригада')).toBe('');
  });
  it('sex', () => {
    expect(['ч', 'M', 'male', 'чол.', 'муж'].map(normalizeSex)).toEqual(['m', 'm', 'm', 'm', 'm']);
    expect(['ж', 'F', 'female', 'жін.', 'жен'].map(normalizeSex)).toEqual(['f', 'f', 'f', 'f', 'f']);
    expect(normalizeSex('?')).toBe('');
  });
});
