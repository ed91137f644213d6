/**
 * Human-written dates → canonical partial-date text (domain/partial-date): "31.12.1990",
 * "12/1990", "1990 р.", "1991 г.р.", Excel serials, date cells, month names, seasons, parts of a
 * year or month, quarters and ranges. Impossible dates are rejected with a message quoting the input.
 * Conventions: day before month unless dateOrder 'mdy'; two-digit years rejected; seasons and parts
 * as documented in date-words.ts ("зима 2023" = 2022-12/2023-02).
 */
import { daysInMonth, parsePartialDate, type PartialDate } from '../domain';
import { monthOfWord, partRange, seasonOfWord, seasonRange, splitPeriodPart } from './date-words';

export type DateRule =
  | 'empty' | 'unknown_marker' | 'iso' | 'numeric' | 'month_year' | 'year' | 'month_name' | 'season'
  | 'part_of_period' | 'quarter' | 'excel_serial' | 'date_cell' | 'range';

export type HumanDateResult =
  | { ok: true; value: PartialDate; rule: DateRule; approximate: boolean }
  | { ok: true; value: null; rule: 'empty' | 'unknown_marker'; approximate: false }
  | { ok: false; error: string };

export interface HumanDateOptions {
  dateOrder?: 'dmy' | 'mdy';
}

type Single = { ok: true; text: string; rule: DateRule } | { ok: false; error: string } | null;

const pad = (n: number | string, w = 2) => String(n).padStart(w, '0');
const EXAMPLES = 'e.g. 31.12.1990, 12.1990, 1990, 1990-12-31, березень 2023, весна 2023, 2023-03 – 2024-02-07';
const UNKNOWN = /^(невідомо|невідома|не відомо|неизвестно|не известно|unknown|n\/?a|н\/д|нд|\?+|-+|—|–)$/i;
const APPROX = /^(приблизно|прибл\.|бл\.|близько|около|ок\.|примерно|circa|ca\.|c\.|approx\.?|approximately|about|~)\s*/i;
const YEAR_SUFFIX = /\s*(р\.\s*н\.?|г\.\s*р\.?|рр?\.|гг?\.|року|рік|год[а]?|р|г|year|yr)\.?$/i;
const LEAD_PREP = /^(у|в|во|in|on|of)\s+/i;

/** Excel serial day number → ISO date (1900 date system, with its fictitious 29 Feb 1900). */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const days = Math.floor(serial);
  if (days === 60) return null; // Excel's 29 February 1900, a day that never was
  const ms = Date.UTC(1899, 11, 30) + (days < 61 ? days + 1 : days) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

function ymd(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

function validated(text: string, rule: DateRule, input: string): Single {
  const r = parsePartialDate(text);
  return r.ok ? { ok: true, text: r.value.text, rule } : { ok: false, error: `"${input}": ${r.error}` };
}

function numericDmy(a: number, b: number, y: number, order: 'dmy' | 'mdy', input: string): Single {
  const [d, m] = order === 'dmy' ? [a, b] : [b, a];
  const r = validated(ymd(y, m, d), 'numeric', input);
  if (r && !r.ok) {
    const swapped = parsePartialDate(ymd(y, d, m));
    if (swapped.ok && d !== m) return { ok: false, error: `${r.error} — if this file writes the ${order === 'dmy' ? 'month' : 'day'} first, set dateOrder "${order === 'dmy' ? 'mdy' : 'dmy'}"` };
  }
  return r;
}

function parseSingle(raw: string, order: 'dmy' | 'mdy'): Single {
  let s = raw.trim().replace(LEAD_PREP, '');
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s))) return validated(ymd(+m[1], +m[2], +m[3]), 'iso', raw);
  if ((m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(s))) return validated(ymd(+m[1], +m[2], +m[3]), 'iso', raw);
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(s))) return validated(`${m[1]}-${pad(m[2])}`, 'iso', raw);
  s = s.replace(YEAR_SUFFIX, '').trim();
  if ((m = /^(\d{4})$/.exec(s))) return validated(m[1], 'year', raw);
  if ((m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s))) return numericDmy(+m[1], +m[2], +m[3], order, raw);
  if ((m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2})$/.exec(s))) {
    return { ok: false, error: `"${raw}": two-digit year "${m[3]}" is ambiguous (19${m[3]} or 20${m[3]}?); write the year in full` };
  }
  if ((m = /^(\d{1,2})[./-](\d{4})$/.exec(s))) return validated(`${m[2]}-${pad(m[1])}`, 'month_year', raw);
  if ((m = /^(\d{5})(?:\.\d+)?$/.exec(s))) {
    const n = Number(s);
    if (n >= 10000 && n <= 80000) {
      const iso = excelSerialToIso(n);
      if (iso) return validated(iso, 'excel_serial', raw);
    }
    return null;
  }
  // quarters: Q1 2023, I кв. 2023, 1 квартал 2023
  if ((m = /^(?:q([1-4])|([1-4]|iv|i{1,3}|і{1,3}|іv)\s*-?(?:й|ий|ый)?\s*(?:кв\.?|квартал[а]?|quarter|qtr\.?))\s*(\d{4})$/i.exec(s))) {
    const qs = (m[1] ?? m[2]).toLowerCase().replace(/і/g, 'i');
    const q = /^\d$/.test(qs) ? Number(qs) : ({ i: 1, ii: 2, iii: 3, iv: 4 } as Record<string, number>)[qs];
    return validated(`${m[3]}-${pad(q * 3 - 2)}/${m[3]}-${pad(q * 3)}`, 'quarter', raw);
  }
  // winter spanning two years: "зима 2022/2023", "winter 2022-23"
  if ((m = /^(\p{L}+)\s+(\d{4})\s*[/–—-]\s*(\d{2}|\d{4})$/u.exec(s)) && seasonOfWord(m[1]) === 'winter') {
    const y1 = +m[2];
    const y2 = m[3].length === 2 ? Math.floor(y1 / 100) * 100 + +m[3] : +m[3];
    if (y2 !== y1 + 1) return { ok: false, error: `"${raw}": a winter spans two consecutive years, not ${y1} and ${y2}` };
    return validated(`${y1}-12/${y2}-02`, 'season', raw);
  }
  if ((m = /^(\p{L}+)\.?,?\s+(\d{4})$/u.exec(s))) {
    const season = seasonOfWord(m[1]);
    if (season) {
      const [a, b] = seasonRange(season, +m[2]);
      return validated(`${a}/${b}`, 'season', raw);
    }
    const month = monthOfWord(m[1]);
    if (month) return validated(`${m[2]}-${pad(month)}`, 'month_name', raw);
  }
  if ((m = /^(\d{1,2})(?:-?(?:го|е|st|nd|rd|th))?\s+(\p{L}+)\.?,?\s+(\d{4})$/u.exec(s))) {
    const month = monthOfWord(m[2]);
    if (month) return validated(ymd(+m[3], month, +m[1]), 'month_name', raw);
  }
  if ((m = /^(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/u.exec(s))) {
    const month = monthOfWord(m[1]);
    if (month) return validated(ymd(+m[3], month, +m[2]), 'month_name', raw);
  }
  const part = splitPeriodPart(s);
  if (part) {
    const inner = parseSingle(part[1], order);
    if (!inner || !inner.ok) return inner;
    const t = inner.text;
    if (/^\d{4}$/.test(t)) {
      const [a, b] = partRange(part[0], { year: +t });
      return validated(`${a}/${b}`, 'part_of_period', raw);
    }
    if (/^\d{4}-\d{2}$/.test(t)) {
      const [y, mo] = t.split('-').map(Number);
      const [a, b] = partRange(part[0], { year: y, month: mo, lastDay: daysInMonth(y, mo) });
      return validated(`${a}/${b}`, 'part_of_period', raw);
    }
    return { ok: false, error: `"${raw}": "${part[1]}" is already a period; cannot take a part of it` };
  }
  return null;
}

const RANGE_SEPARATORS = [/\s*[–—]\s*/, /\s+-\s+/, /\s+(?:по|до|to|until|till|through|and|і|и)\s+/i];
const RANGE_PREFIX = /^(з|із|від|с|со|from|between)\s+/i;

function splitRange(s: string): [string, string] | null {
  if (/^\d{4}(-\d{2}){0,2}\/\d{4}(-\d{2}){0,2}$/.test(s)) return s.split('/') as [string, string];
  if (/^\d{4}-\d{4}$/.test(s)) return s.split('-') as [string, string];
  const body = s.replace(RANGE_PREFIX, '');
  for (const sep of RANGE_SEPARATORS) {
    const parts = body.split(sep);
    if (parts.length === 2 && parts[0] && parts[1]) return [parts[0], parts[1]];
  }
  return null;
}

function bounds(text: string): [string, string] {
  const parts = text.split('/');
  return [parts[0], parts[parts.length - 1]];
}

/** Parses a human-written date (or a Date / Excel serial number) into a partial date. Never throws. */
export function parseHumanDate(input: string | number | Date | null | undefined, options: HumanDateOptions = {}): HumanDateResult {
  const order = options.dateOrder ?? 'dmy';
  if (input === null || input === undefined) return { ok: true, value: null, rule: 'empty', approximate: false };
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return { ok: false, error: 'invalid date cell' };
    const r = parsePartialDate(input.toISOString().slice(0, 10));
    return r.ok ? { ok: true, value: r.value, rule: 'date_cell', approximate: false } : { ok: false, error: `date cell: ${r.error}` };
  }
  if (typeof input === 'number') {
    if (Number.isInteger(input) && input >= 1800 && input <= 2200) return parseHumanDate(String(input), options);
    const iso = excelSerialToIso(input);
    const r = iso ? parsePartialDate(iso) : null;
    if (r && r.ok) return { ok: true, value: r.value, rule: 'excel_serial', approximate: false };
    return { ok: false, error: `${input} is neither a year nor an Excel date serial in range` };
  }
  let s = input.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (s === '') return { ok: true, value: null, rule: 'empty', approximate: false };
  if (s.length > 100) return { ok: false, error: `"${s.slice(0, 40)}…" is too long to be a date` };
  if (UNKNOWN.test(s)) return { ok: true, value: null, rule: 'unknown_marker', approximate: false };
  let approximate = false;
  const ap = APPROX.exec(s);
  if (ap && ap[0].length < s.length) { approximate = true; s = s.slice(ap[0].length).trim(); }

  const single = parseSingle(s, order);
  if (single) {
    if (!single.ok) return single;
    return finish(single.text, single.rule, approximate, input);
  }
  const range = splitRange(s);
  if (range) {
    let [left, right] = range.map((p) => p.trim());
    // "березень – травень 2023", "12–15.03.2022": the left side borrows what it lacks from the right
    const rightYear = /(\d{4})(?!.*\d{4})/.exec(right)?.[1];
    if (rightYear && !/\d{4}/.test(left)) {
      const rm = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(right);
      left = /^\d{1,2}$/.test(left) && rm ? `${left}.${rm[2]}.${rm[3]}` : `${left} ${rightYear}`;
    }
    const a = parseSingle(left, order);
    const b = parseSingle(right, order);
    if (a && !a.ok) return a;
    if (b && !b.ok) return b;
    if (a && b) {
      const r = parsePartialDate(`${bounds(a.text)[0]}/${bounds(b.text)[1]}`);
      if (!r.ok) return { ok: false, error: `"${input}": ${r.error}` };
      return { ok: true, value: r.value, rule: 'range', approximate };
    }
  }
  return { ok: false, error: `"${input}" is not a date this importer understands (${EXAMPLES})` };
}

function finish(text: string, rule: DateRule, approximate: boolean, input: string): HumanDateResult {
  const r = parsePartialDate(text);
  if (!r.ok) return { ok: false, error: `"${input}": ${r.error}` };
  return { ok: true, value: r.value, rule, approximate };
}
