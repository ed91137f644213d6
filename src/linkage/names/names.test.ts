import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  GIVEN_NAMES, STANDARDS, analyseName, detectCyrillicLanguage, detectScript, givenNameConflicts, nameKey, nameTokens, transliterate,
  type TransliterationStandard,
} from './index';

const SURNAMES = ('Коваленко Бондаренко Ткаченко Шевченко Кравченко Мельник Бойко Коваль Олійник Шевчук Поліщук Ткачук Савченко Руденко ' +
  'Мороз Марченко Лисенко Петренко Кравчук Павленко Клименко Іваненко Литвиненко Гончаренко Романенко Кузьменко Левченко Карпенко ' +
  'Юрченко Савчук Ковальчук Мазур Хоменко Остапенко Кузнецов Иванов Смирнов Попов Соколов Лебедев Козлов Новиков Морозов Петров Волков ' +
  'Соловьёв Васильев Зайцев Павлов Семёнов Голубев Виноградов Богданов Воробьёв Фёдоров Михайлов Беляев Тарасов Белов Щербаков Жуков ' +
  'Яковлев Ковальов Ковальська Чорновол Грищенко Гаврилюк Приходько Захарченко Панченко Нестеренко Дяченко Ярошенко Цибульський Жовтяк ' +
  'Щербина Юхименко Єременко Ільїн Пономаренко').split(' ');

/** Cyrillic letters whose rendering in the standard is ambiguous without orthography markers (documented limits). */
const AMBIGUOUS: Record<TransliterationStandard, RegExp | null> = {
  'ua-national': null,
  'bgn-pcgn': null,
  'icao-9303': null,
  'gost-7.79-a': /[хХ]/, // х → h, the same letter as Ukrainian г in the national system
  'gost-7.79-b': /[хХцЦ]/, // х → x (also "ks"), ц → cz (also Polish ч)
  german: /[жЖзЗсСхХцЦ]/, // ж and ш both "sch", з and с both "s", х → ch, ц → z
  polish: /[хХ]|ё/, // х → ch (English ч) unless the token has Polish markers
  french: /[шШжЖ]/, // ш → ch, ж → j unless the token has French markers
};

describe('given-name table', () => {
  it('has at least 80 names and no spelling folds onto two names', () => {
    expect(GIVEN_NAMES.length).toBeGreaterThanOrEqual(80);
    expect(givenNameConflicts()).toEqual([]);
  });
  it('every listed spelling folds to its canonical key', () => {
    for (const g of GIVEN_NAMES) for (const sp of g.spellings) expect(nameKey(sp), sp).toBe(g.key);
  });
  it('folds the brief\'s examples', () => {
    const olek = ['Олександр', 'Александр', 'Oleksandr', 'Aleksandr', 'Alexander', 'Sasha', 'Саша'].map(nameKey);
    expect(new Set(olek)).toEqual(new Set(['oleksandr']));
    expect(nameKey('Сергій')).toBe(nameKey('Сергей'));
    expect(new Set(['Юрій', 'Юрий', 'Yuriy', 'Jurij', 'Iurii'].map(nameKey)).size).toBe(1);
    expect(nameKey('Дмитро')).toBe(nameKey('Дмитрий'));
    expect(nameKey('Микола')).toBe(nameKey('Николай'));
  });
});

describe.each(STANDARDS.map((s) => [s]))('transliteration %s', (std) => {
  it('round-trips every table spelling and common surname through nameKey (unambiguous letters: all; overall ≥ 90%)', () => {
    let total = 0;
    let ok = 0;
    const check = (cyr: string, expected: string) => {
      const key = nameKey(transliterate(cyr, std));
      total++;
      if (key === expected) ok++;
      else if (!AMBIGUOUS[std]?.test(cyr)) expect(`${cyr} → ${transliterate(cyr, std)} → ${key}`).toBe(`${cyr} → ${expected}`);
    };
    for (const g of GIVEN_NAMES) for (const sp of g.spellings) if (/[\u0400-\u04FF]/.test(sp)) check(sp, g.key);
    for (const s of SURNAMES) check(s, nameKey(s));
    expect(ok / total).toBeGreaterThanOrEqual(0.9);
  });
});

describe('transliteration vectors', () => {
  const v: [string, TransliterationStandard, string][] = [
    ['Олександр Щербаков', 'ua-national', 'Oleksandr Shcherbakov'],
    ['Юрій Їжакевич', 'ua-national', 'Yurii Yizhakevych'],
    ['Згурський Яна', 'ua-national', 'Zghurskyi Yana'],
    ['Розгон', 'ua-national', 'Rozghon'],
    ['Щербаков Юрьевич', 'gost-7.79-a', 'Ŝerbakov Ûrʹevič'],
    ['Кузнецов Царёв', 'gost-7.79-b', 'Kuzneczov Czaryov'],
    ['Цибуля', 'gost-7.79-b', 'Cibulya'],
    ['Щербаков Ёлкин Ельцин', 'bgn-pcgn', 'Shcherbakov Yëlkin Yelʹtsin'],
    ['Андреев', 'bgn-pcgn', 'Andreyev'],
    ['Юрий Щербаков', 'icao-9303', 'Iurii Shcherbakov'],
    ['Григорій Іванович', 'icao-9303', 'Hryhorii Ivanovych'],
    ['Кузнецов Жуков', 'german', 'Kusnezow Schukow'],
    ['Щербаков Чернов', 'german', 'Schtscherbakow Tschernow'],
    ['Кузнецов Жуков', 'polish', 'Kuzniecow Żukow'],
    ['Щербаков Чернов', 'polish', 'Szczerbakow Czernow'],
    ['Кузнецов Жуков', 'french', 'Kouznetsov Joukov'],
    ['Щербаков Чернов', 'french', 'Chtcherbakov Tchernov'],
  ];
  it.each(v)('%s under %s → %s', (src, std, out) => expect(transliterate(src, std)).toBe(out));
  it('keeps non-Cyrillic text and restores case', () => {
    expect(transliterate('ЮРІЙ, 1990', 'ua-national')).toBe('YURII, 1990');
    expect(transliterate('Smith', 'german')).toBe('Smith');
  });
});

describe('detectScript', () => {
  it('classifies', () => {
    expect(detectScript('Коваленко')).toBe('cyrillic');
    expect(detectScript('Kovalenko')).toBe('latin');
    expect(detectScript('Kovalenko Олександр')).toBe('mixed');
    expect(detectScript('123 -')).toBe('unknown');
    expect(detectCyrillicLanguage('Сергій')).toBe('uk');
    expect(detectCyrillicLanguage('Семёнов')).toBe('ru');
    expect(detectCyrillicLanguage('Иван')).toBe('unknown');
  });
});

describe('nameKey', () => {
  it('is order-free and folds scripts (brief examples)', () => {
    const short = nameTokens('Kovalenko Oleksandr');
    const long = nameTokens('Коваленко Олександр Петрович');
    for (const t of short) expect(long).toContain(t);
    expect(nameKey('Александр Коваленко')).toBe(nameKey('Kovalenko Oleksandr'));
  });
  it('folds surname variants and gendered forms', () => {
    expect(new Set(['Коваленко', 'Kovalenko', 'Kowalenko'].map(nameKey)).size).toBe(1);
    expect(new Set(['Ковальський', 'Ковальский', 'Kovalskyi', 'Kovalskiy', 'Kovalsky', 'Kowalski', 'Ковальська', 'Ковальская'].map(nameKey)).size).toBe(1);
    expect(nameKey('Петрова')).toBe(nameKey('Петров'));
    expect(nameKey('Ковальова')).toBe(nameKey('Ковалев'));
    expect(nameKey('Семёнов')).toBe(nameKey('Semyonov'));
    expect(nameKey('Єрмоленко')).toBe(nameKey('Yermolenko'));
    expect(nameKey('Ермоленко')).toBe(nameKey('Jermolenko'));
    expect(nameKey('Садовий')).toBe(nameKey('Садовой'));
    expect(nameKey('Kоваленко')).toBe(nameKey('Коваленко')); // Latin K typed inside Cyrillic
  });
  it('folds patronymics across languages and sexes keep apart', () => {
    expect(nameKey('Сергійович')).toBe(nameKey('Сергеевич'));
    expect(nameKey('Миколайович')).toBe(nameKey('Николаевич'));
    expect(nameKey('Андріївна')).toBe(nameKey('Андреевна'));
    expect(nameKey('Ілліч')).toBe(nameKey('Ильич'));
    expect(nameKey('Petrovych')).toBe(nameKey('Петрович'));
    expect(nameKey('Петрович')).not.toBe(nameKey('Петрівна'));
    const a = analyseName('Петрова Ольга Сергеевна');
    expect(a.map((t) => t.kind)).toEqual(['other', 'given', 'patronymic']);
    expect(a[2].sex).toBe('f');
  });
  it('keeps distinct names distinct', () => {
    expect(nameKey('Яна')).not.toBe(nameKey('Анна'));
    expect(nameKey('Іван')).not.toBe(nameKey('Іванна'));
    expect(nameKey('Гарченко')).not.toBe(nameKey('Харченко'));
  });
  it('property: token order never changes the key', () => {
    const pool = [...SURNAMES, ...GIVEN_NAMES.map((g) => g.spellings[0]), 'Петрович', 'Kowalski', 'Oleksandr'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 4 }), (toks) => {
      expect(nameKey(toks.join(' '))).toBe(nameKey([...toks].reverse().join(', ')));
    }));
  });
  it('property: keys are lower-case ASCII tokens and nameKey is idempotent on them', () => {
    fc.assert(fc.property(fc.constantFrom(...SURNAMES, ...GIVEN_NAMES.flatMap((g) => g.spellings)), (n) => {
      const k = nameKey(n);
      expect(k).toMatch(/^[a-z]+( [a-z]+)*$/);
    }));
  });
});
