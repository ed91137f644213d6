/**
 * Birth dates as found in lists: partial dates (domain PartialDate text: 1990, 1990-03, 1990-03-14,
 * ranges A/B), DD.MM.YYYY, D/M/YYYY, MM.YYYY, YYYYMMDD, with "р."/"г."/"року"/"года", "~", "ca." tolerated.
 * Components are kept even when the calendar rejects them (31.02.1990, FEBRL's 19591345): a typo'd
 * day still agrees on year and month. Year-only values in range notation keep both years.
 */
import { parsePartialDate } from '../../domain';

export interface BirthDate {
  /** First year the value allows. */
  year: number;
  /** Last year the value allows (= year unless a range). */
  yearTo: number;
  /** 1–12 as written (may be out of range for corrupt input), 0 unknown. */
  month: number;
  /** 1–31 as written, 0 unknown. */
  day: number;
}

export type BirthDateResult = { ok: true; value: BirthDate } | { ok: false; error: string };

const NOISE = /\s*(?:р\.?|г\.?|року|года|year|yr\.?|\?|~|ca\.?|circa|около|близько|приблизно)\s*/giu;

function ymd(y: number, m: number, d: number): BirthDateResult {
  if (y < 1850 || y > 2100) return { ok: false, error: `year ${y} is out of range (1850–2100)` };
  if (m < 0 || m > 99 || d < 0 || d > 99) return { ok: false, error: 'month or day out of range' };
  return { ok: true, value: { year: y, yearTo: y, month: m, day: d } };
}

/** Parses a birth date; empty text is an error (callers treat missing separately). */
export function parseBirthDate(input: string): BirthDateResult {
  const text = input.replace(NOISE, ' ').trim();
  if (text === '') return { ok: false, error: 'empty date' };
  const pd = parsePartialDate(text);
  if (pd.ok) {
    const [a, b] = pd.value.text.split('/');
    const y = Number(a.slice(0, 4));
    const yTo = Number((b ?? pd.value.latest).slice(0, 4));
    if (b !== undefined && a.slice(0, 4) !== b.slice(0, 4)) return { ok: true, value: { year: y, yearTo: yTo, month: 0, day: 0 } };
    const m = b !== undefined && a.slice(0, 7) !== b.slice(0, 7) ? 0 : a.length >= 7 ? Number(a.slice(5, 7)) : 0;
    const d = b === undefined && a.length === 10 ? Number(a.slice(8, 10)) : 0;
    return { ok: true, value: { year: y, yearTo: y, month: m, day: d } };
  }
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(text))) return ymd(+m[1], +m[2], +m[3]);
  if ((m = /^(\d{1,2})[./\-\s](\d{1,2})[./\-\s](\d{4})$/.exec(text))) return ymd(+m[3], +m[2], +m[1]);
  if ((m = /^(\d{4})[./\-\s](\d{1,2})[./\-\s](\d{1,2})$/.exec(text))) return ymd(+m[1], +m[2], +m[3]);
  if ((m = /^(\d{1,2})[./\-\s](\d{4})$/.exec(text))) return ymd(+m[2], +m[1], 0);
  if ((m = /^(\d{4})[./\-\s](\d{1,2})$/.exec(text))) return ymd(+m[1], +m[2], 0);
  if ((m = /^(\d{4})$/.exec(text))) return ymd(+m[1], 0, 0);
  if ((m = /^(\d{4})\s*[-–/]\s*(\d{4})$/.exec(text))) {
    const r = ymd(+m[1], 0, 0);
    if (r.ok && +m[2] >= +m[1]) r.value.yearTo = +m[2];
    return r;
  }
  return { ok: false, error: `"${input}" is not a recognised date (YYYY, YYYY-MM, YYYY-MM-DD, DD.MM.YYYY, YYYYMMDD)` };
}
