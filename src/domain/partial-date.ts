/**
 * Partial dates: the uncertain dates of this work ("1991", "2023-03", "1991-03-14", or a range
 * "2023-03/2024-02-07"). Stored as canonical text plus the earliest and latest calendar day the
 * text allows, so SQL can sort, filter and test overlap on real `date` columns.
 */

export type Precision = 'year' | 'month' | 'day';

export interface PartialDate {
  /** Canonical text: YYYY, YYYY-MM, YYYY-MM-DD, or two of them joined by "/". */
  text: string;
  /** First day the date may denote, ISO YYYY-MM-DD. */
  earliest: string;
  /** Last day the date may denote, ISO YYYY-MM-DD. */
  latest: string;
}

export type ParseResult = { ok: true; value: PartialDate } | { ok: false; error: string };

const SINGLE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

interface Bound { text: string; earliest: string; latest: string; precision: Precision }

function parseSingle(text: string): Bound | string {
  const m = SINGLE.exec(text);
  if (!m) return `"${text}" is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD`;
  const year = Number(m[1]);
  if (year < 1800 || year > 2200) return `year ${year} is out of range (1800–2200)`;
  if (m[2] === undefined) {
    return { text: m[1], earliest: `${m[1]}-01-01`, latest: `${m[1]}-12-31`, precision: 'year' };
  }
  const month = Number(m[2]);
  if (month < 1 || month > 12) return `month ${m[2]} does not exist`;
  const last = daysInMonth(year, month);
  if (m[3] === undefined) {
    return { text: `${m[1]}-${m[2]}`, earliest: `${m[1]}-${m[2]}-01`, latest: `${m[1]}-${m[2]}-${pad(last)}`, precision: 'month' };
  }
  const day = Number(m[3]);
  if (day < 1 || day > last) return `${m[1]}-${m[2]}-${m[3]} does not exist (that month has ${last} days)`;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  return { text: iso, earliest: iso, latest: iso, precision: 'day' };
}

/** Parses canonical partial-date text (single date or "A/B" range). Rejects impossible dates and reversed ranges. */
export function parsePartialDate(input: string): ParseResult {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'empty date' };
  const parts = text.split('/');
  if (parts.length > 2) return { ok: false, error: `"${text}" has more than one "/"` };
  const a = parseSingle(parts[0].trim());
  if (typeof a === 'string') return { ok: false, error: a };
  if (parts.length === 1) return { ok: true, value: { text: a.text, earliest: a.earliest, latest: a.latest } };
  const b = parseSingle(parts[1].trim());
  if (typeof b === 'string') return { ok: false, error: b };
  if (b.latest < a.earliest) return { ok: false, error: `range ends (${b.text}) before it starts (${a.text})` };
  if (a.text === b.text) return { ok: true, value: { text: a.text, earliest: a.earliest, latest: a.latest } };
  return { ok: true, value: { text: `${a.text}/${b.text}`, earliest: a.earliest, latest: b.latest } };
}

/** Throws on invalid input; for code paths where the text was validated already. */
export function partialDate(input: string): PartialDate {
  const r = parsePartialDate(input);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

export function precisionOf(text: string): Precision {
  const first = text.split('/')[0];
  return first.length === 4 ? 'year' : first.length === 7 ? 'month' : 'day';
}

/** True when the two partial dates may denote a common day. */
export function mayOverlap(a: PartialDate, b: PartialDate): boolean {
  return a.earliest <= b.latest && b.earliest <= a.latest;
}

/** Compares by earliest, then latest: the order used for sorting everywhere. */
export function comparePartialDates(a: PartialDate, b: PartialDate): number {
  return a.earliest < b.earliest ? -1 : a.earliest > b.earliest ? 1 : a.latest < b.latest ? -1 : a.latest > b.latest ? 1 : 0;
}

/** Interval end check for custody episodes and allegations: `to` must not end before `from` starts. */
export function checkOrder(from: PartialDate | null, to: PartialDate | null): string | null {
  if (from && to && to.latest < from.earliest) return `ends (${to.text}) before it starts (${from.text})`;
  return null;
}
