/** Partial dates as the API writes them: YYYY, YYYY-MM, YYYY-MM-DD, or a range "A/B" (either side may be empty). */
export interface DateSpan { earliest: number; latest: number }

const DAY = 86_400_000;
const SINGLE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function single(text: string): DateSpan | null {
  const m = SINGLE.exec(text.trim());
  if (!m) return null;
  const y = Number(m[1]);
  if (m[2] === undefined) return { earliest: Date.UTC(y, 0, 1), latest: Date.UTC(y, 11, 31) };
  const mo = Number(m[2]) - 1;
  if (m[3] === undefined) return { earliest: Date.UTC(y, mo, 1), latest: Date.UTC(y, mo + 1, 0) };
  const d = Date.UTC(y, mo, Number(m[3]));
  return { earliest: d, latest: d };
}

/** The span of days a partial date allows (ms since epoch, UTC), or null when empty or unreadable. */
export function spanOf(text: string | null | undefined): DateSpan | null {
  if (!text) return null;
  const [a, b] = text.split('/');
  if (b === undefined) return single(a);
  const sa = a ? single(a) : null;
  const sb = b ? single(b) : null;
  if (!sa && !sb) return null;
  return { earliest: (sa ?? sb)!.earliest, latest: (sb ?? sa)!.latest };
}

export function isExact(s: DateSpan): boolean {
  return s.latest - s.earliest < DAY;
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isValidPartialDate(text: string): boolean {
  if (!text.trim()) return true;
  const parts = text.split('/');
  if (parts.length > 2) return false;
  return parts.every((p) => SINGLE.test(p.trim())) && spanOf(text) !== null;
}

/** The partial-date bounds of a chart period label ("2023" or "2023-Q2"), for registry filters. */
export function periodBounds(label: string): { from: string; to: string } | null {
  const y = /^(\d{4})$/.exec(label);
  if (y) return { from: y[1], to: y[1] };
  const q = /^(\d{4})-Q([1-4])$/.exec(label);
  if (!q) return null;
  const m0 = (Number(q[2]) - 1) * 3 + 1;
  return { from: `${q[1]}-${String(m0).padStart(2, '0')}`, to: `${q[1]}-${String(m0 + 2).padStart(2, '0')}` };
}

/** Calendar quarters from `from` to `to` (inclusive), as "YYYY-Qn" with their start and end. */
export function quarters(from: number, to: number): { label: string; start: string; end: string }[] {
  const out: { label: string; start: string; end: string }[] = [];
  const a = new Date(from), b = new Date(to);
  let y = a.getUTCFullYear(), q = Math.floor(a.getUTCMonth() / 3);
  const endY = b.getUTCFullYear(), endQ = Math.floor(b.getUTCMonth() / 3);
  while (y < endY || (y === endY && q <= endQ)) {
    const m0 = q * 3 + 1;
    out.push({ label: `${y}-Q${q + 1}`, start: `${y}-${String(m0).padStart(2, '0')}`, end: `${y}-${String(m0 + 2).padStart(2, '0')}` });
    q += 1;
    if (q === 4) { q = 0; y += 1; }
    if (out.length > 400) break;
  }
  return out;
}
