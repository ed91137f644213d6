import { describe, expect, it } from 'vitest';
import { analyseName, nameKey } from './name-key';
import { dominantOrthography, nameOrthography, orthographyContext, sourceOrthographies } from './orthography';

describe('orthography of a source', () => {
  it('reads the markers a Latin name carries', () => {
    expect(nameOrthography('Taras Schewtschenko')).toBe('german');
    expect(nameOrthography('Taras Szewczenko')).toBe('polish');
    expect(nameOrthography('Wołodymyr Bojko')).toBe('polish');
    expect(nameOrthography('Taras Chevtchenko')).toBe('french');
    expect(nameOrthography('Taras Ševčenko')).toBe('diacritic');
    expect(nameOrthography('Shhors Mykola')).toBe('gost-b');
    // "w" alone is German or Polish; plain English-style names and Cyrillic carry no marker.
    expect(nameOrthography('Wolodymyr Chomenko')).toBeUndefined();
    expect(nameOrthography('Khomenko Larysa')).toBeUndefined();
    expect(nameOrthography('Шевченко Тарас')).toBeUndefined();
  });

  it('takes the dominant convention only when it is frequent and unrivalled', () => {
    expect(dominantOrthography({ latin: 100, marked: { german: 40, polish: 3 } })).toBe('german');
    expect(dominantOrthography({ latin: 100, marked: { german: 40, polish: 20 } })).toBeUndefined(); // mixed list
    expect(dominantOrthography({ latin: 1000, marked: { french: 60 } })).toBeUndefined(); // 6% "ou": English names, not French
    expect(dominantOrthography({ latin: 30, marked: { polish: 10 } })).toBeUndefined(); // too few names
    expect(dominantOrthography({ latin: 100, marked: {} })).toBeUndefined();
  });

  it('assigns each record its source convention', () => {
    const names = [...Array(30).fill('Taras Schewtschenko'), 'Larissa Chomenko', 'Larysa Khomenko', ...Array(25).fill('Larysa Khomenko'), 'Хоменко Лариса'];
    const source = (i: number) => (i <= 30 ? 'de' : 'ua');
    const o = sourceOrthographies(names.length, source, (i) => names[i]);
    expect(o[30]).toBe('german');
    expect(o[31]).toBeUndefined();
    expect(o[57]).toBeUndefined();
  });

  it('lets the source convention place unmarked names: German "Chomenko" is Хоменко, English "Chomenko" is Чоменко', () => {
    expect(orthographyContext('Larissa Chomenko', 'german')).toBe('Larissa Chomenko sch');
    expect(orthographyContext('Taras Schewtschenko', 'polish')).toBe('Taras Schewtschenko'); // its own markers decide
    expect(orthographyContext('Хоменко', 'german')).toBe('Хоменко');
    expect(orthographyContext('Chomenko', undefined)).toBe('Chomenko');
    const key = (text: string, ctx: string) => analyseName(text, ctx).map((t) => t.key).sort().join(' ');
    expect(key('Larissa Chomenko', orthographyContext('Larissa Chomenko', 'german'))).toBe(nameKey('Хоменко Лариса'));
    expect(key('Stachiec', orthographyContext('Stachiec', 'polish'))).toBe(nameKey('Стахець'));
    expect(key('Serhi Stezko', orthographyContext('Serhi Stezko', 'german'))).toBe(nameKey('Стецко Сергій'));
    expect(nameKey('Larissa Chomenko')).not.toBe(nameKey('Хоменко Лариса'));
  });
});
