/**
 * The computed value of a finding, its figures as text, and the statement with the figures filled
 * in. Pure: the same value always prints the same numbers, which is what lets a report's numbers be
 * checked against a recomputation.
 */
import type { Dimension, RatesResult, Stratum, Unit } from '../analysis';
import type { CountsTable, MseModelSummary, ProportionRate } from '../stats';
import { PLACEHOLDERS, type FindingKind } from './finding.schema';

export interface CountValue { kind: 'count'; unit: Unit; count: number; description: string }

export interface RateValue {
  kind: 'rate';
  unit: Unit;
  /** which interval statements quote */
  interval: 'wilson' | 'clopper-pearson';
  numeratorText: string;
  denominatorText: string;
  level: number;
  total: ProportionRate;
  strata: RatesResult['strata'];
}

export interface MseListRef { id: string; title: string; kind: string; published: boolean; sensitivity: string; persons: number }
export interface MseStratumValue { key: string; label: string; n: number; N: number | null; ci: [number | null, number | null]; model: string | null; error: string | null }

export interface MseValue {
  kind: 'mse';
  description: string;
  n: number;
  lists: MseListRef[];
  model: string;
  N: number | null;
  se: number | null;
  ci: [number | null, number | null];
  ciMethod: 'profile' | 'chao';
  level: number;
  deviance: number | null;
  df: number;
  aic: number | null;
  bic: number | null;
  warnings: string[];
  sentence: string;
  table: CountsTable;
  /** the best models (at most 20) for the chart */
  models: MseModelSummary[];
  strata: { by: 'period' | 'region'; periodField: string | null; items: MseStratumValue[]; sumN: number | null; note: string } | null;
}

export interface ListValue {
  kind: 'list';
  unit: Unit;
  by: Dimension;
  partition: boolean;
  total: number;
  description: string;
  note: string;
  items: Stratum[];
  omitted: number;
}

export type FindingValue = CountValue | RateValue | MseValue | ListValue;

export type Audience = 'public' | 'internal';

/** 12318.47 → "12,318" */
export function fmtInt(x: number): string {
  return Math.round(x).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 0.4 → "40.0%" */
export function fmtPct(p: number): string {
  return `${(p * 100).toFixed(1)}%`;
}

/** 0.95 → "95%" */
export function fmtLevel(level: number): string {
  return `${Number((level * 100).toFixed(1))}%`;
}

/** Labels of places and sources not yet public never reach a public report. */
export function labelOf(item: { label: string; public: boolean }, audience: Audience): string {
  return audience === 'public' && !item.public ? 'a place or source not yet made public' : item.label;
}

/** Names of lists a reader may not see, replaced in the estimator's warnings by "list N". */
export function maskListNames(text: string, lists: MseListRef[], visible: (l: MseListRef) => boolean): string {
  let out = text;
  lists.forEach((l, i) => { if (!visible(l)) out = out.split(l.title).join(`list ${i + 1}`); });
  return out;
}

export const isPublicList = (l: MseListRef): boolean => l.published && l.sensitivity === 'public';

export function rateInterval(v: RateValue, r: ProportionRate = v.total): { lower: number; upper: number } {
  return v.interval === 'wilson' ? r.wilson : r.clopperPearson;
}

function joinItems(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** The text of every placeholder of a value. */
export function placeholderTexts(v: FindingValue, audience: Audience = 'internal'): Record<string, string> {
  switch (v.kind) {
    case 'count':
      return { count: fmtInt(v.count) };
    case 'rate': {
      const iv = rateInterval(v);
      return {
        percent: v.total.proportion === null ? 'not defined (the denominator is empty)' : fmtPct(v.total.proportion),
        numerator: fmtInt(v.total.numerator), denominator: fmtInt(v.total.denominatorCount),
        lower: fmtPct(iv.lower), upper: fmtPct(iv.upper), level: fmtLevel(v.level),
      };
    }
    case 'mse':
      return {
        N: v.N === null ? 'no estimate' : fmtInt(v.N),
        lower: v.ci[0] === null ? 'unknown' : fmtInt(v.ci[0]),
        upper: v.ci[1] === null ? 'an unbounded number' : fmtInt(v.ci[1]),
        n: fmtInt(v.n), missed: v.N === null ? 'an unknown number' : fmtInt(Math.max(0, v.N - v.n)), level: fmtLevel(v.level),
      };
    case 'list': {
      const top = v.items[0];
      return {
        total: fmtInt(v.total),
        items: joinItems(v.items.map((i) => `${labelOf(i, audience)} (${fmtInt(i.count)})`)),
        top: top ? labelOf(top, audience) : 'none', topCount: top ? fmtInt(top.count) : fmtInt(0),
      };
    }
  }
}

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** The statement with the figures of the value. */
export function renderStatement(template: string, v: FindingValue, audience: Audience = 'internal'): string {
  // Without an estimate the template would read oddly; the estimator's own sentence says why there is none.
  if (v.kind === 'mse' && v.N === null) return v.sentence;
  const texts = placeholderTexts(v, audience);
  return template.replace(PLACEHOLDER, (whole, name: string) => texts[name] ?? whole);
}

/** Problems of a statement template: unknown placeholders, and numbers written by hand (they could not be traced). */
export function statementIssues(template: string, kind: FindingKind): string[] {
  const issues: string[] = [];
  const allowed = PLACEHOLDERS[kind];
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (!allowed.includes(m[1])) issues.push(`unknown placeholder {${m[1]}} for a ${kind} finding; use ${allowed.map((p) => `{${p}}`).join(', ')}`);
  }
  if (/\d/.test(template.replace(PLACEHOLDER, ''))) {
    issues.push('write every number as a placeholder (such as {count} or {percent}) so that it is computed and traceable; name periods and places in the title or the query');
  }
  return issues;
}

/** Every figure of a value by name, as printed: used to compare a stored value with a recomputation. */
export function figureTexts(v: FindingValue): Map<string, string> {
  const m = new Map<string, string>();
  const ph = placeholderTexts(v);
  for (const [k, t] of Object.entries(ph)) if (k !== 'items' && k !== 'top') m.set(k, t);
  if (v.kind === 'rate') {
    for (const s of v.strata?.items ?? []) {
      const iv = rateInterval(v, s);
      m.set(`${s.label}: share`, s.proportion === null ? '—' : `${fmtPct(s.proportion)} (${fmtInt(s.numerator)} of ${fmtInt(s.denominatorCount)}; ${fmtPct(iv.lower)} to ${fmtPct(iv.upper)})`);
    }
  } else if (v.kind === 'list') {
    for (const i of v.items) m.set(`${i.label}`, fmtInt(i.count));
  } else if (v.kind === 'mse') {
    for (const s of v.strata?.items ?? []) m.set(`${s.label}: N`, s.N === null ? '—' : fmtInt(s.N));
  }
  return m;
}

/** Differences between two values, figure by figure. */
export function valueDifferences(stored: FindingValue | null, today: FindingValue): { figure: string; stored: string | null; today: string | null }[] {
  const a = stored ? figureTexts(stored) : new Map<string, string>();
  const b = figureTexts(today);
  const out: { figure: string; stored: string | null; today: string | null }[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(k) !== b.get(k)) out.push({ figure: k, stored: a.get(k) ?? null, today: b.get(k) ?? null });
  }
  return out;
}
