import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excelSerialToIso, parseHumanDate } from './dates';

const ok = (input: string | number | Date, opts = {}) => {
  const r = parseHumanDate(input, opts);
  if (!r.ok) throw new Error(`expected ${String(input)} to parse: ${r.error}`);
  return r.value?.text ?? null;
};

describe('parseHumanDate: table', () => {
  const table: [string, string][] = [
    ['31.12.1990', '1990-12-31'],
    ['31/12/1990', '1990-12-31'],
    ['31-12-1990', '1990-12-31'],
    ['1.2.1990', '1990-02-01'],
    ['1990-12-31', '1990-12-31'],
    ['1990-12-31T00:00:00Z', '1990-12-31'],
    ['1990/12/31', '1990-12-31'],
    ['1990-12', '1990-12'],
    ['12/1990', '1990-12'],
    ['12.1990', '1990-12'],
    ['1990', '1990'],
    ['1990 р.', '1990'],
    ['1990р', '1990'],
    ['1991 г.р.', '1991'],
    ['1991 г.', '1991'],
    ['1991 року', '1991'],
    ['45000', '2023-03-15'],
    ['березень 2023', '2023-03'],
    ['березня 2023 року', '2023-03'],
    ['у березні 2023', '2023-03'],
    ['март 2023', '2023-03'],
    ['в марте 2023', '2023-03'],
    ['March 2023', '2023-03'],
    ['Sept 2023', '2023-09'],
    ['травень 2022', '2022-05'],
    ['мая 2022', '2022-05'],
    ['14 березня 2022', '2022-03-14'],
    ['14 марта 2022 г.', '2022-03-14'],
    ['14 March 2022', '2022-03-14'],
    ['March 14, 2022', '2022-03-14'],
    ['весна 2023', '2023-03/2023-05'],
    ['навесні 2023', '2023-03/2023-05'],
    ['літо 2023', '2023-06/2023-08'],
    ['осенью 2022', '2022-09/2022-11'],
    ['autumn 2022', '2022-09/2022-11'],
    ['зима 2023', '2022-12/2023-02'],
    ['winter 2024', '2023-12/2024-02'],
    ['зима 2022/2023', '2022-12/2023-02'],
    ['зима 2022-23', '2022-12/2023-02'],
    ['початок 2023', '2023-01/2023-04'],
    ['середина 2023', '2023-05/2023-08'],
    ['кінець 2023', '2023-09/2023-12'],
    ['наприкінці 2023', '2023-09/2023-12'],
    ['конец 2023', '2023-09/2023-12'],
    ['end of 2023', '2023-09/2023-12'],
    ['кінець березня 2023', '2023-03-21/2023-03-31'],
    ['early February 2024', '2024-02-01/2024-02-10'],
    ['перша половина 2022', '2022-01/2022-06'],
    ['second half of 2022', '2022-07/2022-12'],
    ['Q2 2023', '2023-04/2023-06'],
    ['I квартал 2023', '2023-01/2023-03'],
    ['2023-03 – 2024-02-07', '2023-03/2024-02-07'],
    ['2023-03/2024-02-07', '2023-03/2024-02-07'],
    ['12.03.2022 - 15.04.2022', '2022-03-12/2022-04-15'],
    ['з 12.03.2022 по 15.04.2022', '2022-03-12/2022-04-15'],
    ['с 12.03.2022 по 15.04.2022', '2022-03-12/2022-04-15'],
    ['from March 2022 to May 2022', '2022-03/2022-05'],
    ['березень – травень 2023', '2023-03/2023-05'],
    ['12–15.03.2022', '2022-03-12/2022-03-15'],
    ['1990-1991', '1990/1991'],
    ['весна 2022 – зима 2023', '2022-03/2023-02'],
  ];
  it.each(table)('%s → %s', (input, expected) => {
    expect(ok(input)).toBe(expected);
  });

  it('reads month first with dateOrder mdy', () => {
    expect(ok('12/31/1990', { dateOrder: 'mdy' })).toBe('1990-12-31');
    expect(ok('02/01/1990', { dateOrder: 'mdy' })).toBe('1990-02-01');
  });

  it('marks approximate dates', () => {
    for (const s of ['приблизно 1985', 'около 1985', 'circa 1985', '~1985', 'бл. 1985']) {
      const r = parseHumanDate(s);
      expect(r).toMatchObject({ ok: true, approximate: true });
      expect(r.ok && r.value?.text).toBe('1985');
    }
  });

  it('treats empty and unknown markers as no date', () => {
    for (const s of ['', '   ', 'невідомо', 'неизвестно', 'unknown', 'н/д', '-', '?']) {
      expect(parseHumanDate(s)).toMatchObject({ ok: true, value: null });
    }
  });

  it('reads Date cells and numbers', () => {
    expect(ok(new Date(Date.UTC(1990, 11, 31)))).toBe('1990-12-31');
    expect(ok(1990)).toBe('1990');
    expect(ok(33238)).toBe('1990-12-31');
    expect(ok(45000.75)).toBe('2023-03-15');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(60)).toBeNull();
    expect(excelSerialToIso(61)).toBe('1900-03-01');
  });
});

describe('parseHumanDate: rejections say why', () => {
  const bad: [string, RegExp][] = [
    ['31.02.1990', /1990-02-31 does not exist \(that month has 28 days\)/],
    ['29.02.2023', /does not exist/],
    ['32.01.1990', /does not exist/],
    ['12/31/1990', /month 31 does not exist.*dateOrder "mdy"/],
    ['13.1990', /month 13 does not exist/],
    ['31.12.90', /two-digit year "90"/],
    ['1700', /out of range/],
    ['15.04.2022 – 12.03.2022', /range ends .* before it starts/],
    ['зима 2022/2024', /consecutive years/],
    ['колись давно', /not a date this importer understands/],
    ['x'.repeat(500), /too long/],
  ];
  it.each(bad)('%s', (input, message) => {
    const r = parseHumanDate(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
  it('quotes the input in the message', () => {
    const r = parseHumanDate('31.02.1990');
    expect(!r.ok && r.error).toContain('"31.02.1990"');
  });
});

describe('parseHumanDate: properties', () => {
  const day = fc.date({ min: new Date(Date.UTC(1800, 0, 1)), max: new Date(Date.UTC(2200, 11, 31)), noInvalidDate: true });
  const pad = (n: number) => String(n).padStart(2, '0');
  it('dd.mm.yyyy, dd/mm/yyyy, yyyy-mm-dd and Date cells all give the same ISO day', () => {
    fc.assert(fc.property(day, (d) => {
      const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
      const iso = `${y}-${pad(m)}-${pad(dd)}`;
      expect(ok(`${pad(dd)}.${pad(m)}.${y}`)).toBe(iso);
      expect(ok(`${dd}/${m}/${y}`)).toBe(iso);
      expect(ok(iso)).toBe(iso);
      expect(ok(`${pad(m)}/${pad(dd)}/${y}`, { dateOrder: 'mdy' })).toBe(iso);
      expect(ok(new Date(Date.UTC(y, m - 1, dd)))).toBe(iso);
    }), { numRuns: 300 });
  });

  it('never throws and every success is a canonical partial date with earliest ≤ latest', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.stringMatching(/^[0-9./\- –зпоs]{0,25}$/), fc.double(), fc.integer()), (input) => {
      const r = parseHumanDate(input as string | number);
      if (r.ok && r.value) {
        expect(r.value.text).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?(\/\d{4}(-\d{2}(-\d{2})?)?)?$/);
        expect(r.value.earliest <= r.value.latest).toBe(true);
      }
      if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
    }), { numRuns: 2000 });
  });
});
