/**
 * Statistics over the workspace: counts, breakdowns, rates with intervals and multiple systems
 * estimation from sources as lists. The mathematics is the pure `stats` room; this service only
 * builds the tables from the registry. Figures are aggregates over every record (counts reveal no
 * record); labels of sources and places the actor may not read are masked.
 */
import { sql } from 'drizzle-orm';
import type { Actor } from '../domain';
import { ValidationError } from '../domain';
import { queryRows, type Db } from '../db';
import { readableSensitivities, validate } from '../registry';
import {
  parseCountsCsv, proportionRate, runMse, CountsCsvError,
  type CountsTable, type MseResult, type ProportionRate,
} from '../stats';
import { describeFilter } from './describe';
import {
  countQuery, groupQuery, mseCountsRequest, mseListsRequest, rateQuery,
  type Dimension, type PeriodField, type RegistryFilter, type Unit,
} from './registry-filter.schema';
import { groupSql, isPartition, sourceLinksSql, sqlList, stratumSql, unitSet } from './registry-filter.sql';

export interface Stratum {
  key: string;
  label: string;
  /** the labelled place or source is published and public (else public reports mask the label) */
  public: boolean;
  /** sensitivity of the labelled row */
  sensitivity: string;
  count: number;
}

export interface CountResult { unit: Unit; count: number; description: string }

export interface GroupResult {
  unit: Unit;
  by: Dimension;
  /** every member is in exactly one stratum (else strata overlap and do not add up to the total) */
  partition: boolean;
  total: number;
  description: string;
  items: Stratum[];
  /** strata left out by the limit */
  omitted: number;
}

export type RateStratum = ProportionRate & { key: string; label: string; public: boolean; sensitivity: string };

export interface RatesResult {
  unit: Unit;
  /** the numerator in words (a subset of the denominator) */
  numeratorText: string;
  /** the denominator in words: every output states it */
  denominatorText: string;
  level: number;
  total: ProportionRate;
  strata: { by: Dimension; partition: boolean; note: string; items: RateStratum[] } | null;
}

export interface ListSource { id: string; title: string; kind: string; origin: string | null; reliability: string; published: boolean; sensitivity: string; records: number }

export interface MseStratum {
  key: string;
  label: string;
  table: CountsTable;
  result: MseResult | null;
  /** why there is no result (e.g. nobody in this stratum) */
  error: string | null;
}

export interface MseListsResult extends MseResult {
  /** the capture-pattern table the estimate comes from */
  table: CountsTable;
  sources: ListSource[];
  description: string;
  strata: { by: 'period' | 'region'; periodField: string | null; items: MseStratum[]; sumN: number | null; note: string } | null;
}

export interface SourceItem {
  id: string; title: string; kind: string; origin: string | null; reliability: string;
  published: boolean; sensitivity: string;
  /** members of the set this source supports */
  supports: number;
}

/** The sources behind a figure, with reliability and independence. */
export interface SourceSupport {
  total: number;
  /** distinct origins (organisations); a source without an origin counts as its own */
  origins: number;
  /** testimony sources (interviews) among them */
  testimonies: number;
  /** witnesses registered for these sources */
  witnesses: number;
  byReliability: Record<string, number>;
  byKind: Record<string, number>;
  /** the first 500 by support */
  items: SourceItem[];
}

export interface DataState {
  /** max(audit_events.id): the data version */
  dataVersion: number;
  /** leaves in the evidence log */
  logSize: number;
  /** size of the latest signed checkpoint, if any */
  signedCheckpoint: number | null;
}

const UNKNOWN_LABEL: Record<Dimension, string> = {
  facility: '(no known place)', region: '(no known region)', period: '(no date)', status: '(unknown)',
  source: '(no source)', type: '(no allegation)', category: '(no allegation)',
};

const OVERLAP_NOTE: Partial<Record<Dimension, string>> = {
  source: 'A person described by several sources counts under each of them, so the strata overlap.',
  type: 'A person named in allegations of several types counts under each type, so the strata overlap.',
  category: 'A person named in allegations of several categories counts under each, so the strata overlap.',
};

const PARTITION_NOTE: Partial<Record<Dimension, string>> = {
  facility: 'Each person is counted once, under the first known place of detention.',
  region: 'Each person is counted once, under the region of the first known place of detention.',
  status: 'Each person is counted once, under their current status.',
};

export function periodNote(field: PeriodField, unit: Unit): string {
  if (unit === 'allegations') return 'Each allegation is counted under the year of its earliest possible date.';
  return field === 'status' ? 'Each person is counted once, under the year of their status date.'
    : field === 'allegation' ? 'Each person is counted once, under the year of the first allegation naming them.'
      : 'Each person is counted once, under the year their first known custody episode began.';
}

export class StatisticsService {
  constructor(private readonly db: Db) {}

  async dataState(): Promise<DataState> {
    const [r] = await queryRows<{ dv: string; leaves: string; signed: string | null }>(this.db, sql`select
      (select coalesce(max(id), 0) from audit_events)::text as dv,
      (select count(*) from log_leaves)::text as leaves,
      (select max(size) from checkpoints)::text as signed`);
    return { dataVersion: Number(r.dv), logSize: Number(r.leaves), signedCheckpoint: r.signed == null ? null : Number(r.signed) };
  }

  /** Public names of facilities, for describing filters in words. */
  async facilityNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await queryRows<{ id: string; name: string }>(this.db,
      sql`select id, name from facilities where id in ${sqlList(ids)} and published and sensitivity = 'public'`);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async describe(where: RegistryFilter, unit: Unit): Promise<string> {
    const names = await this.facilityNames(where.facilities?.ids ?? []);
    return describeFilter(where, unit, { facility: (id) => names.get(id) ?? null });
  }

  async count(actor: Actor, input: unknown): Promise<CountResult> {
    const q = validate(countQuery, input);
    await this.checkTypes(q.where);
    const [r] = await queryRows<{ n: number }>(this.db, sql`select count(*)::int as n from (${unitSet(q.unit, q.where)}) u`);
    return { unit: q.unit, count: Number(r.n), description: await this.describe(q.where, q.unit) };
  }

  async groups(actor: Actor, input: unknown): Promise<GroupResult> {
    const q = validate(groupQuery, input);
    await this.checkTypes(q.where);
    const all = await this.strata(q.unit, [q.where], q.by, q.periodField, q.where);
    const [t] = await queryRows<{ n: number }>(this.db, sql`select count(*)::int as n from (${unitSet(q.unit, q.where)}) u`);
    const items = maskStrata(actor, all);
    return {
      unit: q.unit, by: q.by, partition: isPartition(q.unit, q.by), total: Number(t.n), description: await this.describe(q.where, q.unit),
      items: items.slice(0, q.limit), omitted: Math.max(0, items.length - q.limit),
    };
  }

  private async strata(unit: Unit, filters: RegistryFilter[], by: Dimension, periodField: PeriodField, where: RegistryFilter): Promise<Stratum[]> {
    const rows = await queryRows<{ key: string; label: string; public: boolean; sens: string; count: number }>(
      this.db, groupSql(unitSet(unit, ...filters), stratumSql(unit, by, periodField, where)));
    return rows.map((r) => ({
      key: r.key, label: r.key === '' ? UNKNOWN_LABEL[by] : r.label, public: Boolean(r.public), sensitivity: r.sens, count: Number(r.count),
    }));
  }

  /** Unknown allegation types in a filter are a mistake, not an empty set. */
  private async checkTypes(...filters: RegistryFilter[]): Promise<void> {
    const codes = [...new Set(filters.flatMap((f) => f.allegations?.types ?? []))];
    if (!codes.length) return;
    const known = new Set((await queryRows<{ code: string }>(this.db, sql`select code from allegation_types`)).map((r) => r.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) throw new ValidationError([{ field: 'allegations.types', message: `unknown allegation type(s): ${unknown.join(', ')}` }]);
  }

  /** A share with Wilson and Clopper–Pearson intervals; the denominator stated in words. */
  async rates(actor: Actor, input: unknown): Promise<RatesResult> {
    const q = validate(rateQuery, input);
    await this.checkTypes(q.denominator, q.numerator);
    const denominatorText = q.denominatorText ?? await this.describe(q.denominator, q.unit);
    const numeratorText = q.numeratorText ?? await this.describe(q.numerator, q.unit);
    const [r] = await queryRows<{ d: number; n: number }>(this.db, sql`select
      (select count(*)::int from (${unitSet(q.unit, q.denominator)}) u) as d,
      (select count(*)::int from (${unitSet(q.unit, q.denominator, q.numerator)}) u) as n`);
    const total = proportionRate({ numerator: Number(r.n), denominatorCount: Number(r.d), denominator: denominatorText, level: q.level });
    let strata: RatesResult['strata'] = null;
    if (q.stratify) {
      const by = q.stratify;
      const den = await this.strata(q.unit, [q.denominator], by, q.periodField, q.denominator);
      const num = new Map((await this.strata(q.unit, [q.denominator, q.numerator], by, q.periodField, q.numerator)).map((s) => [s.key, s.count]));
      const items = maskStrata(actor, den).map((s) => ({
        key: s.key, label: s.label, public: s.public, sensitivity: s.sensitivity,
        ...proportionRate({ numerator: num.get(s.key) ?? 0, denominatorCount: s.count, denominator: `${denominatorText} — ${s.label}`, level: q.level }),
      }));
      const note = by === 'period' ? periodNote(q.periodField, q.unit) : (isPartition(q.unit, by) ? PARTITION_NOTE[by] : OVERLAP_NOTE[by]) ?? '';
      strata = { by, partition: isPartition(q.unit, by), note, items };
    }
    return { unit: q.unit, numeratorText, denominatorText, level: q.level, total, strata };
  }

  /** MSE from a counts table given directly or as CSV text. */
  mseCounts(actor: Actor, input: unknown): MseResult {
    const q = validate(mseCountsRequest, input);
    let table: CountsTable;
    if (q.csv !== undefined) {
      try {
        table = parseCountsCsv(q.csv);
      } catch (error) {
        if (error instanceof CountsCsvError) throw new ValidationError([{ field: error.column ? `csv.${error.column}` : 'csv', message: error.message }]);
        throw error;
      }
    } else table = q.counts!;
    return runMseChecked(table, q.model, q.ci, q.level);
  }

  /** Resolves sources by id or exact title (case-insensitive) among those the actor may read. */
  async resolveSources(actor: Actor, refs: string[]): Promise<ListSource[]> {
    const sens = readableSensitivities(actor);
    const issues: { field: string; message: string }[] = [];
    const out: ListSource[] = [];
    for (const [i, ref] of refs.entries()) {
      const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
      const rows = await queryRows<Omit<ListSource, 'records'> & { records: number }>(this.db, sql`
        select s.id, s.title, s.kind, s.origin, s.reliability, s.published, s.sensitivity,
          (select count(*)::int from person_records r where r.source_id = s.id and r.is_current) as records
        from sources s
        where ${isId ? sql`s.id = ${ref}` : sql`lower(s.title) = lower(${ref})`} and s.sensitivity in ${sqlList(sens)}
        order by s.created_at limit 3`);
      if (rows.length === 0) issues.push({ field: `lists.${i}`, message: `no source with id or title "${ref}"` });
      else if (rows.length > 1) issues.push({ field: `lists.${i}`, message: `${rows.length} sources are titled "${ref}"; give the source id instead` });
      else out.push({ ...rows[0], records: Number(rows[0].records) });
    }
    if (!issues.length && new Set(out.map((s) => s.id)).size !== out.length) issues.push({ field: 'lists', message: 'the same source is named twice' });
    if (issues.length) throw new ValidationError(issues);
    return out;
  }

  /**
   * MSE from the workspace: each source is a list; a person (a cluster of records, filled by linkage)
   * is on a list when one of their current records comes from that source. Optionally stratified by
   * the year of the status date (or first custody) or by the region of the first known place.
   */
  async mseLists(actor: Actor, input: unknown): Promise<MseListsResult> {
    const q = validate(mseListsRequest, input);
    await this.checkTypes(q.where);
    const sources = await this.resolveSources(actor, q.lists);
    const k = sources.length;
    const maskOf = sql.join(sources.map((s, i) => sql`when r.source_id = ${s.id} then ${1 << i}`), sql` `);
    const stratum = q.stratify === 'region'
      ? sql`(select f.region from custody_episodes ce join person_records rc on rc.id = ce.person_record_id join facilities f on f.id = ce.facility_id
          where rc.person_id = u.id order by ce.from_earliest nulls last, f.name, f.id limit 1)`
      : q.stratify === 'period'
        ? (q.periodField === 'custody'
          ? sql`to_char((select min(ce.from_earliest) from custody_episodes ce join person_records rc on rc.id = ce.person_record_id where rc.person_id = u.id), 'YYYY')`
          : sql`to_char((select p.status_earliest from persons p where p.id = u.id), 'YYYY')`)
        : sql`''`;
    const rows = await queryRows<{ mask: number; stratum: string | null; n: number }>(this.db, sql`
      with u as (${unitSet('persons', q.where)}),
      m as (select u.id, bit_or(case ${maskOf} else 0 end)::int as mask, ${stratum} as stratum
            from u join person_records r on r.person_id = u.id and r.is_current and r.source_id in ${sqlList(sources.map((s) => s.id))}
            group by u.id)
      select mask, stratum, count(*)::int as n from m group by mask, stratum`);
    const lists = sources.map((s) => s.title);
    const tableOf = (part: typeof rows): CountsTable => {
      const counts = new Map<number, number>();
      for (const r of part) counts.set(Number(r.mask), (counts.get(Number(r.mask)) ?? 0) + Number(r.n));
      const out: CountsTable['rows'] = [];
      for (let mask = (1 << k) - 1; mask >= 1; mask--) out.push({ pattern: sources.map((_, i) => (mask >> i) & 1), count: counts.get(mask) ?? 0 });
      return { lists, rows: out };
    };
    const table = tableOf(rows);
    const description = `persons on at least one of ${k} lists (sources), ${await this.describe(q.where, 'persons')}; a person is on a list when one of their current records comes from that source`;
    const total = runMseChecked(table, q.model, q.ci, q.level, true);
    let strata: MseListsResult['strata'] = null;
    if (q.stratify) {
      const keys = [...new Set(rows.map((r) => r.stratum ?? ''))].sort();
      const items: MseStratum[] = keys.map((key) => {
        const t = tableOf(rows.filter((r) => (r.stratum ?? '') === key));
        const label = key === '' ? (q.stratify === 'region' ? '(no known region)' : '(no date)') : key;
        try {
          return { key, label, table: t, result: runMseChecked(t, q.model, q.ci, q.level, true), error: null };
        } catch (error) {
          return { key, label, table: t, result: null, error: (error as Error).message };
        }
      });
      const estimable = items.every((s) => s.result?.N != null);
      const sumN = estimable ? items.reduce((sum, s) => sum + (s.result!.N as number), 0) : null;
      strata = {
        by: q.stratify, periodField: q.stratify === 'period' ? q.periodField : null, items, sumN,
        note: estimable
          ? 'The strata are estimated separately (as HRDAG does); their sum is an alternative estimate of the total that allows capture probabilities to differ between strata.'
          : 'At least one stratum has no estimate, so the strata cannot be summed.',
      };
    }
    return { ...total, table, sources, description, strata };
  }

  /** Sources behind the members of a set (records describing them, matching allegations naming them). */
  async sourcesBehind(unit: Unit, filters: RegistryFilter[], where: RegistryFilter): Promise<SourceSupport> {
    const rows = await queryRows<SourceItem & { supports: number }>(this.db, sql`
      with u as (${unitSet(unit, ...filters)}), links as (${sourceLinksSql(unit, where)})
      select s.id, s.title, s.kind, s.origin, s.reliability, s.published, s.sensitivity, count(distinct links.id)::int as supports
      from links join sources s on s.id = links.source_id
      group by s.id, s.title, s.kind, s.origin, s.reliability, s.published, s.sensitivity
      order by 8 desc, s.reliability, s.title`);
    return this.support(rows.map((r) => ({ ...r, supports: Number(r.supports), published: Boolean(r.published) })));
  }

  /** Reliability and independence of a given set of sources. */
  async support(items: SourceItem[]): Promise<SourceSupport> {
    const ids = items.map((s) => s.id);
    const [w] = ids.length
      ? await queryRows<{ n: number }>(this.db, sql`select count(*)::int as n from witnesses where source_id in ${sqlList(ids)}`)
      : [{ n: 0 }];
    const origins = new Set(items.map((s) => (s.origin ? s.origin.trim().toLowerCase() : `source:${s.id}`)));
    const tally = (f: (s: SourceItem) => string) => items.reduce<Record<string, number>>((m, s) => ({ ...m, [f(s)]: (m[f(s)] ?? 0) + 1 }), {});
    return {
      total: items.length, origins: origins.size, testimonies: items.filter((s) => s.kind === 'testimony').length, witnesses: Number(w.n),
      byReliability: tally((s) => s.reliability), byKind: tally((s) => s.kind), items: items.slice(0, 500),
    };
  }
}

/** runMse with its RangeErrors (bad model, empty table) turned into validation errors. */
export function runMseChecked(table: CountsTable, model: string, ci: 'profile' | 'chao', level: number, allowEmpty = false): MseResult {
  try {
    return runMse({ table, model, ci, level });
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) {
      if (allowEmpty && /records nobody/.test(error.message)) {
        return {
          n: 0, lists: table.lists, model, N: null, se: null, ci: [null, null], deviance: null, df: 0, aic: null, bic: null, models: [],
          warnings: ['Nobody in the registry is on any of these lists.'], sentence: 'No estimate can be given: nobody is recorded on any of the lists.',
        };
      }
      throw new ValidationError([{ field: /model|list \d/.test(error.message) ? 'model' : 'counts', message: error.message }]);
    }
    throw error;
  }
}

/** Hides labels of places and sources the actor may not read. */
export function maskStrata<T extends { label: string; sensitivity: string }>(actor: Actor, items: T[]): T[] {
  const sens = readableSensitivities(actor);
  let hidden = 0;
  return items.map((s) => (sens.includes(s.sensitivity) ? s : { ...s, label: `(withheld ${++hidden})` }));
}
