import type { TimelineEvent } from '../../api/types';
import { spanOf, type DateSpan } from '../../lib/partialDate';

export interface Episode { event: TimelineEvent; start: DateSpan | null; end: DateSpan | null }
export interface Marker { event: TimelineEvent; span: DateSpan }
export interface TimelineModel { min: number; max: number; episodes: Episode[]; status: Marker[]; allegations: Marker[]; undated: TimelineEvent[] }

const DAY = 86_400_000;
const YEAR = 365.25 * DAY;
/** A lone event still gets half a year of context around it. */
const MIN_SPAN = YEAR / 2;

/** Lays out a person's events on one time axis; uncertain dates keep their whole span. */
export function buildModel(events: TimelineEvent[], now = Date.now()): TimelineModel {
  const episodes: Episode[] = [], status: Marker[] = [], allegations: Marker[] = [], undated: TimelineEvent[] = [];
  const points: number[] = [];
  for (const e of events) {
    if (e.kind === 'custody') {
      const start = spanOf(e.from), end = spanOf(e.to);
      if (!start && !end) { undated.push(e); continue; }
      episodes.push({ event: e, start, end });
      for (const s of [start, end]) if (s) points.push(s.earliest, s.latest);
    } else {
      const span = spanOf(e.from) ?? (e.earliest ? { earliest: Date.parse(e.earliest), latest: Date.parse(e.latest ?? e.earliest) } : null);
      if (!span) { undated.push(e); continue; }
      (e.kind === 'status' ? status : allegations).push({ event: e, span });
      points.push(span.earliest, span.latest);
    }
  }
  if (!points.length) return { min: now - YEAR, max: now, episodes, status, allegations, undated };
  let min = Math.min(...points), max = Math.max(...points) + DAY;
  if (episodes.some((e) => !e.end)) max = Math.max(max, Math.min(now, max + YEAR / 2));
  if (max - min < MIN_SPAN) { const c = (min + max) / 2; min = c - MIN_SPAN / 2; max = c + MIN_SPAN / 2; }
  const pad = (max - min) * 0.04;
  return { min: min - pad, max: max + pad, episodes, status, allegations, undated };
}

/** Ticks at year starts; quarters when the axis spans under 2.5 years, months under a year. */
export function ticks(min: number, max: number): { at: number; label: string; major: boolean }[] {
  const out: { at: number; label: string; major: boolean }[] = [];
  const step = max - min < YEAR ? 1 : max - min < 2.5 * YEAR ? 3 : 12;
  const d = new Date(min);
  let y = d.getUTCFullYear(), m = Math.floor(d.getUTCMonth() / step) * step;
  for (;;) {
    const at = Date.UTC(y, m, 1);
    if (at > max) break;
    const label = m === 0 ? String(y) : step === 3 ? `Q${m / 3 + 1}` : String(m + 1).padStart(2, '0');
    if (at >= min) out.push({ at, label, major: m === 0 });
    m += step;
    if (m >= 12) { y += 1; m = 0; }
  }
  return out;
}
