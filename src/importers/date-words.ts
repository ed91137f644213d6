/** Month, season and part-of-period words in Ukrainian, Russian and English (all inflections by stem). */

/** [stem, month]; a word is a month when it starts with a stem (longest stems first). */
const MONTH_STEMS: [string, number][] = [
  // Ukrainian: січень/січня/січні, …
  ['січ', 1], ['лют', 2], ['берез', 3], ['бер', 3], ['квіт', 4], ['трав', 5], ['черв', 6], ['лип', 7],
  ['серп', 8], ['верес', 9], ['вер', 9], ['жовт', 10], ['листоп', 11], ['лист', 11], ['груд', 12],
  // Russian: январь/января/январе, …
  ['январ', 1], ['янв', 1], ['феврал', 2], ['фев', 2], ['март', 3], ['мар', 3], ['апрел', 4], ['апр', 4],
  ['июн', 6], ['июл', 7], ['август', 8], ['авг', 8], ['сентябр', 9], ['сен', 9], ['октябр', 10], ['окт', 10],
  ['ноябр', 11], ['ноя', 11], ['декабр', 12], ['дек', 12],
  // English
  ['jan', 1], ['feb', 2], ['mar', 3], ['apr', 4], ['may', 5], ['jun', 6], ['jul', 7], ['aug', 8],
  ['sep', 9], ['oct', 10], ['nov', 11], ['dec', 12],
].sort((a, b) => (b[0] as string).length - (a[0] as string).length) as [string, number][];

const RU_MAY = new Set(['май', 'мая', 'мае']);
const EN_FULL = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Month number of a month word ("березня", "марта", "Mar.", "September"), or null. */
export function monthOfWord(word: string): number | null {
  const w = word.toLowerCase().replace(/ё/g, 'е').replace(/\.$/, '');
  if (!/^\p{L}{3,}$/u.test(w)) return null;
  if (RU_MAY.has(w)) return 5;
  if (/^[a-z]+$/.test(w)) {
    const i = EN_FULL.findIndex((m) => m.startsWith(w));
    return i >= 0 ? i + 1 : null;
  }
  for (const [stem, m] of MONTH_STEMS) if (w.startsWith(stem)) return m;
  return null;
}

export type Season = 'spring' | 'summer' | 'autumn' | 'winter';

const SEASON_WORDS: Record<string, Season> = {
  весна: 'spring', весною: 'spring', навесні: 'spring', весни: 'spring', весной: 'spring', spring: 'spring',
  літо: 'summer', влітку: 'summer', літом: 'summer', літа: 'summer', лето: 'summer', летом: 'summer', summer: 'summer',
  осінь: 'autumn', восени: 'autumn', осені: 'autumn', осінню: 'autumn', осень: 'autumn', осенью: 'autumn', autumn: 'autumn', fall: 'autumn',
  зима: 'winter', взимку: 'winter', зимою: 'winter', зими: 'winter', зимой: 'winter', winter: 'winter',
};

export function seasonOfWord(word: string): Season | null {
  return SEASON_WORDS[word.toLowerCase()] ?? null;
}

/**
 * Meteorological seasons of the northern hemisphere. Convention: winter YEAR is December of YEAR-1
 * to February of YEAR ("зима 2023" = 2022-12/2023-02), the winter whose January is in YEAR.
 */
export function seasonRange(season: Season, year: number): [string, string] {
  switch (season) {
    case 'spring': return [`${year}-03`, `${year}-05`];
    case 'summer': return [`${year}-06`, `${year}-08`];
    case 'autumn': return [`${year}-09`, `${year}-11`];
    case 'winter': return [`${year - 1}-12`, `${year}-02`];
  }
}

export type PeriodPart = 'early' | 'mid' | 'late' | 'first_half' | 'second_half';

const PART_PHRASES: [RegExp, PeriodPart][] = [
  [/^(на\s+)?початку|^початок|^в\s+начале|^начало|^early|^beginning\s+of|^start\s+of|^the\s+beginning\s+of/i, 'early'],
  [/^(в\s+)?середин[аіие]|^mid-?|^middle\s+of|^the\s+middle\s+of/i, 'mid'],
  [/^(в\s+|у\s+)?кінці|^наприкінці|^кінець|^в\s+конце|^конец|^late|^end\s+of|^the\s+end\s+of/i, 'late'],
  [/^перш[аі]\s+половин[аі]|^перв(ая|ой)\s+половин[аые]|^first\s+half\s+of|^h1/i, 'first_half'],
  [/^друг[аі]\s+половин[аі]|^втор(ая|ой)\s+половин[аые]|^second\s+half\s+of|^h2/i, 'second_half'],
];

/** Splits "кінець березня 2023" into ['late', 'березня 2023']. */
export function splitPeriodPart(text: string): [PeriodPart, string] | null {
  for (const [re, part] of PART_PHRASES) {
    const m = re.exec(text);
    if (m) {
      const rest = text.slice(m[0].length).trim();
      if (rest) return [part, rest];
    }
  }
  return null;
}

/**
 * Part of a year or month. Convention: a year in thirds (early Jan–Apr, mid May–Aug, late Sep–Dec)
 * or halves; a month in thirds by day (1–10, 11–20, 21–last) or halves (1–15, 16–last).
 */
export function partRange(part: PeriodPart, unit: { year: number } | { year: number; month: number; lastDay: number }): [string, string] {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (!('month' in unit)) {
    const y = unit.year;
    const spans: Record<PeriodPart, [number, number]> = { early: [1, 4], mid: [5, 8], late: [9, 12], first_half: [1, 6], second_half: [7, 12] };
    const [a, b] = spans[part];
    return [`${y}-${pad(a)}`, `${y}-${pad(b)}`];
  }
  const ym = `${unit.year}-${pad(unit.month)}`;
  const spans: Record<PeriodPart, [number, number]> = { early: [1, 10], mid: [11, 20], late: [21, unit.lastDay], first_half: [1, 15], second_half: [16, unit.lastDay] };
  const [a, b] = spans[part];
  return [`${ym}-${pad(a)}`, `${ym}-${pad(b)}`];
}
