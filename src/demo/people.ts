import { GIVEN_NAMES, transliterate } from '../linkage';
import { RANKS_UK, SURNAMES, UNITS } from './people.data';
import type { Rng } from './random';

/** An invented individual of the demo world, before any source describes them. */
export interface DemoIndividual {
  n: number;
  sex: 'male' | 'female';
  familyUk: string;
  familyRu: string;
  givenUk: string;
  givenRu: string;
  patronymicUk: string;
  patronymicRu: string;
  birth: string;
  unit: string;
  rank: string;
  serviceNumber: string;
}

const PATRONYMICS: readonly [string, string, string, string][] = [
  ['Олександрович', 'Александрович', 'Олександрівна', 'Александровна'], ['Петрович', 'Петрович', 'Петрівна', 'Петровна'],
  ['Іванович', 'Иванович', 'Іванівна', 'Ивановна'], ['Миколайович', 'Николаевич', 'Миколаївна', 'Николаевна'],
  ['Сергійович', 'Сергеевич', 'Сергіївна', 'Сергеевна'], ['Андрійович', 'Андреевич', 'Андріївна', 'Андреевна'],
  ['Володимирович', 'Владимирович', 'Володимирівна', 'Владимировна'], ['Васильович', 'Васильевич', 'Василівна', 'Васильевна'],
  ['Михайлович', 'Михайлович', 'Михайлівна', 'Михайловна'], ['Вікторович', 'Викторович', 'Вікторівна', 'Викторовна'],
  ['Юрійович', 'Юрьевич', 'Юріївна', 'Юрьевна'], ['Анатолійович', 'Анатольевич', 'Анатоліївна', 'Анатольевна'],
  ['Григорович', 'Григорьевич', 'Григорівна', 'Григорьевна'], ['Степанович', 'Степанович', 'Степанівна', 'Степановна'],
];

/** Feminine form of a surname (Осадчий → Осадча, Соловйов → Соловйова); most -енко/-ук forms do not change. */
function feminine(surname: string, lang: 'uk' | 'ru'): string {
  if (/ий$/.test(surname)) return surname.replace(/ий$/, lang === 'uk' ? 'а' : 'ая');
  if (/(ов|ёв|ев|ин|йов)$/.test(surname)) return surname + 'а';
  return surname;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function demoIndividuals(r: Rng, count: number): DemoIndividual[] {
  const male = GIVEN_NAMES.filter((g) => g.sex === 'm' && g.spellings.length >= 2);
  const female = GIVEN_NAMES.filter((g) => g.sex === 'f' && g.spellings.length >= 2);
  const out: DemoIndividual[] = [];
  for (let n = 0; n < count; n++) {
    const isFemale = female.length > 0 && r.chance(0.06);
    // Zipf-like surname frequencies: early entries are much more common.
    const s = SURNAMES[Math.min(SURNAMES.length - 1, Math.floor(SURNAMES.length * r.next() ** 2.2))];
    const g = r.pick(isFemale ? female : male);
    const p = r.pick(PATRONYMICS);
    const year = r.int(1965, 2004);
    const month = r.int(1, 12);
    const day = r.int(1, 28);
    out.push({
      n, sex: isFemale ? 'female' : 'male',
      familyUk: isFemale ? feminine(s[0], 'uk') : s[0], familyRu: isFemale ? feminine(s[1], 'ru') : s[1],
      givenUk: g.spellings[0], givenRu: g.spellings[1],
      patronymicUk: isFemale ? p[2] : p[0], patronymicRu: isFemale ? p[3] : p[1],
      birth: `${year}-${pad(month)}-${pad(day)}`,
      unit: r.pick(UNITS), rank: r.pick(RANKS_UK),
      serviceNumber: `${String.fromCharCode(65 + r.int(0, 25))}${String.fromCharCode(65 + r.int(0, 25))}-${r.int(100000, 999999)}`,
    });
  }
  return out;
}

/** Latin spelling as a given standard writes it, from the Ukrainian or the Russian form. */
export function latin(text: string, lang: 'uk' | 'ru', standard: 'ua-national' | 'icao-9303' | 'bgn-pcgn' | 'german' | 'polish'): string {
  return transliterate(text, standard, { language: lang });
}

/** A typing slip: one letter doubled, dropped or swapped with its neighbour. */
export function typo(r: Rng, text: string): string {
  if (text.length < 4) return text;
  const i = r.int(1, text.length - 2);
  switch (r.int(0, 2)) {
    case 0: return text.slice(0, i) + text[i] + text.slice(i);
    case 1: return text.slice(0, i) + text.slice(i + 1);
    default: return text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
  }
}
