/**
 * Seeded, deterministic generator of synthetic prisoner-of-war records with ground truth.
 * Entities (randomly combined common names, dates, units) appear in one or more source lists;
 * each list renders them its own way (Ukrainian or Russian Cyrillic, Latin transliterations,
 * surname-first full names) and adds noise (typos, diminutives, missing and partial dates,
 * day/month swaps, ±1 year). Record ids start with "SYN-": these are not real people.
 */
import { transliterate, type TransliterationStandard } from '../names';
import type { LinkRecord } from '../record';
import { mulberry32 } from '../model/random-pairs';
import { COMMON_SURNAMES, FEMALE_GIVEN, MALE_GIVEN, NUCLEI, ONSETS, PLACES, RANKS_EN, RANKS_RU, RANKS_UA, SURNAME_STEMS, SURNAME_SUFFIXES, UNIT_KINDS } from './synthetic.data';
import { DIMINUTIVES, RU_GIVEN, feminineSurname, ruPatronymic, ukPatronymic, russifySurname } from './forms';

export interface SyntheticOptions {
  /** Number of records (approximately; exact when possible). */
  records: number;
  seed?: number;
  /** Per-field probability of a typo (default 0.06). */
  typoRate?: number;
  /** Mean records per entity (default 1.8). */
  meanRecordsPerEntity?: number;
}

export interface SyntheticRecord extends LinkRecord { entity: string }

interface Entity {
  family: string; given: string; fatherGiven: string; female: boolean;
  year: number; month: number; day: number; unit: string; unitCode: string; unitKind: number; rank: string; service: string; place: string;
}

type Style = { name: string; script: 'uk' | 'ru' | 'latin'; std?: TransliterationStandard; fromRu?: boolean; fullName?: 'surname-first' | 'given-first'; patronymic: number; dob: number; service: number; unit: number; rank: number; place: number };

/** The source lists and how each renders a person. */
const STYLES: readonly Style[] = [
  { name: 'synthetic-ua-registry', script: 'uk', patronymic: 0.95, dob: 0.97, service: 0.6, unit: 0.9, rank: 0.9, place: 0.7 },
  { name: 'synthetic-ru-list', script: 'ru', fullName: 'surname-first', patronymic: 0.9, dob: 0.92, service: 0.1, unit: 0.3, rank: 0.5, place: 0.5 },
  { name: 'synthetic-ua-testimonies', script: 'uk', fullName: 'surname-first', patronymic: 0.6, dob: 0.75, service: 0.05, unit: 0.6, rank: 0.4, place: 0.3 },
  { name: 'synthetic-icao-latin', script: 'latin', std: 'icao-9303', patronymic: 0.1, dob: 0.97, service: 0.3, unit: 0.2, rank: 0.2, place: 0.4 },
  { name: 'synthetic-media-latin', script: 'latin', std: 'ua-national', fullName: 'given-first', patronymic: 0.05, dob: 0.6, service: 0, unit: 0.5, rank: 0.3, place: 0.3 },
  { name: 'synthetic-ru-latin', script: 'latin', std: 'bgn-pcgn', fromRu: true, patronymic: 0.6, dob: 0.9, service: 0.05, unit: 0.2, rank: 0.3, place: 0.3 },
  { name: 'synthetic-foreign-press', script: 'latin', std: 'german', fullName: 'given-first', patronymic: 0, dob: 0.5, service: 0, unit: 0.3, rank: 0.1, place: 0.2 },
  { name: 'synthetic-polish-ngo', script: 'latin', std: 'polish', patronymic: 0.2, dob: 0.8, service: 0.05, unit: 0.3, rank: 0.2, place: 0.3 },
];
const STYLE_WEIGHTS = [0.28, 0.18, 0.16, 0.1, 0.1, 0.08, 0.04, 0.06];

const CYR_LOWER = 'абвгдежзиклмнопрстуфхцчшщьюяії';

export function generateSynthetic(opts: SyntheticOptions): SyntheticRecord[] {
  const rnd = mulberry32(opts.seed ?? 42);
  const typo = opts.typoRate ?? 0.06;
  const mean = opts.meanRecordsPerEntity ?? 1.8;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const zipf = <T>(xs: readonly T[], s = 1.0) => xs[zipfIndex(xs.length, s, rnd)];
  const chance = (p: number) => rnd() < p;

  const makeSurname = (): string => {
    const r = rnd();
    // Roughly the shape of real surname distributions: the ~100 most frequent surnames cover ~12% of
    // people, the most frequent one well under 1%.
    if (r < 0.12) return zipf(COMMON_SURNAMES, 0.3);
    if (r < 0.52) { const st = pick(SURNAME_STEMS); const sf = pick(SURNAME_SUFFIXES); return st + sf; }
    let s = '';
    const syl = 2 + Math.floor(rnd() * 2);
    for (let k = 0; k < syl; k++) s += pick(ONSETS) + pick(NUCLEI);
    s = s[0].toUpperCase() + s.slice(1);
    return s.replace(/[аоуеиі]$/, '') + pick(SURNAME_SUFFIXES);
  };
  const makeEntity = (): Entity => {
    const female = chance(0.08);
    const year = 1962 + Math.min(42, Math.max(0, Math.round(28 + gaussian(rnd) * 9)));
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const kind = Math.floor(rnd() * UNIT_KINDS.length);
    const unitNo = zipfIndex(160, 0.8, rnd) + 1;
    return {
      family: female ? feminineSurname(makeSurname()) : makeSurname(),
      given: female ? zipf(FEMALE_GIVEN, 0.7) : zipf(MALE_GIVEN, 0.7), fatherGiven: zipf(MALE_GIVEN, 0.7), female,
      year, month, day, unit: String(unitNo), unitKind: kind, unitCode: 'А' + String(1000 + Math.floor(rnd() * 9000)),
      rank: RANKS_UA[zipfIndex(RANKS_UA.length, 1.2, rnd)], service: String.fromCharCode(0x410 + Math.floor(rnd() * 32)).replace(/[ЁЙЪЫЬЭ]/, 'А') + String(100000 + Math.floor(rnd() * 900000)),
      place: zipf(PLACES, 0.8),
    };
  };
  const typoed = (s: string): string => {
    if (!chance(typo) || s.length < 3) return s;
    const latin = /[a-z]/i.test(s);
    const alphabet = latin ? 'abcdefghijklmnoprstuvyz' : CYR_LOWER;
    const i = 1 + Math.floor(rnd() * (s.length - 1));
    switch (Math.floor(rnd() * 4)) {
      case 0: return s.slice(0, i) + s.slice(i + 1);
      case 1: return s.slice(0, i) + pick([...alphabet]) + s.slice(i);
      case 2: return s.slice(0, i) + pick([...alphabet]) + s.slice(i + 1);
      default: return i + 1 < s.length ? s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2) : s;
    }
  };

  const out: SyntheticRecord[] = [];
  const counters = new Array<number>(STYLES.length).fill(0);
  let e = 0;
  while (out.length < opts.records) {
    const ent = makeEntity();
    const k = Math.min(opts.records - out.length, recordsForEntity(mean, rnd));
    const used = new Set<number>();
    for (let r = 0; r < k; r++) {
      let si = weightedIndex(STYLE_WEIGHTS, rnd);
      if (used.has(si) && used.size < STYLES.length && chance(0.7)) si = weightedIndex(STYLE_WEIGHTS, rnd);
      used.add(si);
      out.push(render(ent, STYLES[si], `SYN-${STYLES[si].name.slice(10)}-${++counters[si]}`, String(e)));
    }
    e++;
  }
  return out;

  function render(ent: Entity, st: Style, id: string, entity: string): SyntheticRecord {
    const ru = st.script === 'ru' || st.fromRu === true;
    let given = ru ? (RU_GIVEN[ent.given] ?? ent.given) : ent.given;
    if (chance(0.06) && DIMINUTIVES[ent.given]) given = pick(DIMINUTIVES[ent.given]);
    let family = ru ? russifySurname(ent.family) : ent.family;
    let patr = ru ? ruPatronymic(RU_GIVEN[ent.fatherGiven] ?? ent.fatherGiven, ent.female) : ukPatronymic(ent.fatherGiven, ent.female);
    if (st.script === 'latin') {
      given = transliterate(given, st.std!);
      family = transliterate(family, st.std!);
      patr = transliterate(patr, st.std!);
    }
    given = typoed(given); family = typoed(family);
    const hasPatr = chance(st.patronymic);
    patr = typoed(patr);
    const rec: SyntheticRecord = { id, entity, source: st.name, sex: chance(0.7) ? (ent.female ? 'f' : 'm') : undefined };
    if (st.fullName) {
      const parts = st.fullName === 'surname-first' ? [family.toUpperCase() === family || chance(0.5) ? family : family, given, hasPatr ? patr : ''] : [given, hasPatr ? patr : '', family];
      rec.fullName = parts.filter((p) => p !== '').join(' ');
    } else {
      rec.familyName = family; rec.givenName = given; if (hasPatr) rec.patronymic = patr;
    }
    if (chance(st.dob)) rec.birthDate = renderDate(ent);
    if (chance(st.service)) rec.serviceNumber = chance(typo) ? typoed(ent.service) : ent.service;
    if (chance(st.unit)) {
      const u = UNIT_KINDS[ent.unitKind];
      const v = rnd();
      rec.unit = v < 0.4 ? `${ent.unit} ${u[0]}` : v < 0.7 ? `${ent.unit}-та ${u[1]}` : v < 0.9 ? `в/ч ${ent.unitCode}` : `${ent.unit} ${u[2].toUpperCase()}`;
    }
    if (chance(st.rank)) rec.rank = st.script === 'ru' ? RANKS_RU[ent.rank] : st.script === 'latin' ? RANKS_EN[ent.rank] : ent.rank;
    if (chance(st.place)) rec.birthPlace = st.script === 'latin' ? transliterate(ent.place, st.std!) : st.script === 'ru' ? russifySurname(ent.place) : ent.place;
    return rec;
  }

  function renderDate(ent: Entity): string {
    let { year, month, day } = ent;
    const v = rnd();
    if (v < 0.03) year += chance(0.5) ? 1 : -1;
    else if (v < 0.06 && day <= 12) [month, day] = [day, month];
    else if (v < 0.09) day = 1 + Math.floor(rnd() * 28);
    const p = rnd();
    if (p < 0.12) return String(year);
    if (p < 0.18) return `${year}-${pad(month)}`;
    if (p < 0.6) return `${pad(day)}.${pad(month)}.${year}`;
    return `${year}-${pad(month)}-${pad(day)}`;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

function gaussian(rnd: () => number): number {
  const u = Math.max(1e-12, rnd()), v = rnd();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const zipfCache = new Map<string, Float64Array>();
function zipfIndex(n: number, s: number, rnd: () => number): number {
  const key = `${n}:${s}`;
  let cdf = zipfCache.get(key);
  if (!cdf) {
    cdf = new Float64Array(n);
    let acc = 0;
    for (let i = 0; i < n; i++) { acc += 1 / Math.pow(i + 1, s); cdf[i] = acc; }
    for (let i = 0; i < n; i++) cdf[i] /= acc;
    zipfCache.set(key, cdf);
  }
  const r = rnd();
  let lo = 0, hi = n - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (cdf[mid] < r) lo = mid + 1; else hi = mid; }
  return lo;
}

function weightedIndex(w: readonly number[], rnd: () => number): number {
  let r = rnd() * w.reduce((a, b) => a + b, 0);
  for (let i = 0; i < w.length; i++) { r -= w[i]; if (r < 0) return i; }
  return w.length - 1;
}

/** 1 + a geometric-like count with the given mean, capped at 8. */
function recordsForEntity(mean: number, rnd: () => number): number {
  const p = 1 / mean;
  let k = 1;
  while (k < 8 && rnd() > p) k++;
  return k;
}
