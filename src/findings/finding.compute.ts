/**
 * Computing a finding: the figure from its query and method, the sources behind it, and the state of
 * the data it was computed at (data version = max audit event id; evidence log size).
 * Always computed over the whole registry (aggregates reveal no record); labels are masked when shown.
 */
import { SYSTEM } from '../domain';
import { StatisticsService, type DataState, type SourceSupport } from '../analysis';
import type { Db } from '../db';
import type { FindingMethod, FindingQuery } from './finding.schema';
import type { FindingValue, MseValue } from './finding.value';

export interface Computed {
  value: FindingValue;
  sources: SourceSupport;
  state: DataState;
}

export async function computeFinding(db: Db, query: FindingQuery, method: FindingMethod): Promise<Computed> {
  const stats = new StatisticsService(db);
  const state = await stats.dataState();
  switch (query.kind) {
    case 'count': {
      const r = await stats.count(SYSTEM, { unit: query.unit, where: query.where });
      return { value: { kind: 'count', ...r }, sources: await stats.sourcesBehind(query.unit, [query.where], query.where), state };
    }
    case 'rate': {
      const m = method.name === 'proportion' ? method : { interval: 'wilson' as const, level: 0.95 };
      const { kind: _kind, ...def } = query;
      const r = await stats.rates(SYSTEM, { ...def, level: m.level });
      return {
        value: { kind: 'rate', interval: m.interval, ...r },
        sources: await stats.sourcesBehind(query.unit, [query.denominator, query.numerator], query.numerator),
        state,
      };
    }
    case 'mse': {
      const m = method.name === 'mse' ? method : { model: 'best-bic', ci: 'profile' as const, level: 0.95 };
      const r = await stats.mseLists(SYSTEM, { lists: query.lists, where: query.where, stratify: query.stratify, periodField: query.periodField, model: m.model, ci: m.ci, level: m.level });
      const persons = r.sources.map((_, i) => r.table.rows.reduce((sum, row) => sum + (row.pattern[i] ? row.count : 0), 0));
      const origins = await stats.support(r.sources.map((s, i) => ({
        id: s.id, title: s.title, kind: s.kind, origin: s.origin, reliability: s.reliability, published: s.published, sensitivity: s.sensitivity, supports: persons[i],
      })));
      const value: MseValue = {
        kind: 'mse', description: r.description, n: r.n,
        lists: r.sources.map((s, i) => ({ id: s.id, title: s.title, kind: s.kind, published: s.published, sensitivity: s.sensitivity, persons: persons[i] })),
        model: r.model, N: r.N, se: r.se, ci: r.ci, ciMethod: m.ci, level: m.level, deviance: r.deviance, df: r.df, aic: r.aic, bic: r.bic,
        warnings: r.warnings, sentence: r.sentence, table: r.table, models: r.models.slice(0, 20),
        strata: r.strata && {
          by: r.strata.by, periodField: r.strata.periodField, sumN: r.strata.sumN, note: r.strata.note,
          items: r.strata.items.map((s) => ({ key: s.key, label: s.label, n: s.result?.n ?? 0, N: s.result?.N ?? null, ci: s.result?.ci ?? [null, null], model: s.result?.model ?? null, error: s.error })),
        },
      };
      return { value, sources: origins, state };
    }
    case 'list': {
      const r = await stats.groups(SYSTEM, { unit: query.unit, where: query.where, by: query.by, periodField: query.periodField, limit: query.limit });
      const note = r.partition ? '' : 'The groups overlap: one member may count in several.';
      return { value: { kind: 'list', note, ...r }, sources: await stats.sourcesBehind(query.unit, [query.where], query.where), state };
    }
  }
}
