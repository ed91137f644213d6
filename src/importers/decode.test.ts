import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { cyrillicScore, decodeText, looksBinary } from './decode';
import { ImportError } from './errors';

const UK = 'Прізвище, ім’я та по батькові військовополоненого; дата народження і військова частина. Їжак ґанок єдність.';
const RU = 'Фамилия, имя и отчество военнопленного; дата рождения и воинская часть. Съешь же ещё этих мягких булок.';

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM', () => {
    const body = Buffer.from(UK, 'utf8');
    expect(decodeText(body)).toMatchObject({ text: UK, encoding: 'utf-8', bom: false });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]))).toMatchObject({ text: UK, encoding: 'utf-8', bom: true });
  });

  it('reads UTF-16 LE/BE with BOM and without BOM', () => {
    const le = iconv.encode(UK, 'utf-16le');
    const be = iconv.encode(UK, 'utf-16be');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toMatchObject({ text: UK, encoding: 'utf-16le', bom: true });
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toMatchObject({ text: UK, encoding: 'utf-16be', bom: true });
    expect(decodeText(le)).toMatchObject({ text: UK, encoding: 'utf-16le', bom: false });
    expect(decodeText(be)).toMatchObject({ text: UK, encoding: 'utf-16be', bom: false });
    expect(decodeText(iconv.encode('Surname;Given name\r\n', 'utf-16le')).encoding).toBe('utf-16le');
  });

  it('tells Windows-1251 from KOI8-R and KOI8-U by letter frequencies', () => {
    for (const text of [UK, RU, 'Прізвище;Ім\'я;По батькові', 'Фамилия;Имя;Отчество;Дата рождения']) {
      expect(decodeText(iconv.encode(text, 'windows-1251'))).toMatchObject({ text, encoding: 'windows-1251' });
    }
    expect(decodeText(iconv.encode(RU, 'koi8-r'))).toMatchObject({ text: RU, encoding: 'koi8-r' });
    const ukKoi = 'Прізвище та ім\'я: Їжаченко Євген Ґалаган, село Біла Церква';
    expect(decodeText(iconv.encode(ukKoi, 'koi8-u'))).toMatchObject({ text: ukKoi, encoding: 'koi8-u' });
  });

  it('reads Latin-1 accents as Windows-1252', () => {
    expect(decodeText(iconv.encode('Café, résumé, naïve façade', 'windows-1252'))).toMatchObject({ text: 'Café, résumé, naïve façade', encoding: 'windows-1252' });
  });

  it('keeps a UTF-8 file cut inside its last character, with a warning', () => {
    const bytes = Buffer.from('Прізвище', 'utf8');
    const r = decodeText(bytes.subarray(0, bytes.length - 1));
    expect(r.encoding).toBe('utf-8');
    expect(r.text).toBe('Прізвищ\uFFFD');
    expect(r.warnings[0]).toMatch(/truncated/);
  });

  it('forces an encoding and rejects an unknown one', () => {
    expect(decodeText(iconv.encode('Привет', 'cp866'), { encoding: 'cp866' }).text).toBe('Привет');
    expect(() => decodeText(Buffer.from('x'), { encoding: 'no-such-encoding' })).toThrow(ImportError);
  });

  it('scores real Cyrillic above mojibake', () => {
    const bytes = iconv.encode(RU, 'koi8-r');
    expect(cyrillicScore(iconv.decode(bytes, 'koi8-r'))).toBeGreaterThan(cyrillicScore(iconv.decode(bytes, 'windows-1251')));
  });

  it('flags binary content', () => {
    expect(looksBinary(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2]))).toBe(true);
    expect(looksBinary(Buffer.from('Прізвище;Ім\'я\n', 'utf8'))).toBe(false);
    expect(looksBinary(iconv.encode('a;b', 'utf-16le'))).toBe(false);
  });
});

describe('decodeText properties', () => {
  it('never throws on arbitrary bytes and always returns a string', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      const r = decodeText(bytes);
      expect(typeof r.text).toBe('string');
      expect(typeof r.encoding).toBe('string');
    }), { numRuns: 500 });
  });

  it('round-trips any string through UTF-8', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
      fc.pre(!s.startsWith('\uFEFF'));
      const bytes = Buffer.from(s, 'utf8');
      // strings of only NUL/0x04-like control pairs may look like UTF-16; real text does not
      fc.pre(!/[\u0000-\u0008]/.test(s));
      expect(decodeText(bytes).text).toBe(s);
    }), { numRuns: 300 });
  });

  const words = ['військовополонений', 'прізвище', 'бригада', 'звільнення', 'обмін', 'колонія', 'сізо', 'родина', 'військова', 'частина', 'пленный', 'фамилия', 'отчество', 'рождения', 'содержания', 'освобождение'];
  it('round-trips Cyrillic prose through Windows-1251', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...words), { minLength: 3, maxLength: 30 }), (ws) => {
      const text = ws.join(' ');
      expect(decodeText(iconv.encode(text, 'windows-1251')).text).toBe(text);
    }), { numRuns: 200 });
  });
});
