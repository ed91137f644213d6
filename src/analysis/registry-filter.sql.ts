/**
 * SQL of the registry filter: the set of persons or allegations a filter selects, the stratum of each
 * member, and the sources behind a set. Persons are clusters (`persons`, filled by linkage); a person
 * counts once however many records describe them. Custody episodes and allegations reach a person
 * through any version of their records (a correction keeps the person).
 */
import { sql, type SQL } from 'drizzle-orm';
import { partialDate } from '../domain';
import type { Dimension, PeriodField, RegistryFilter, Unit } from './registry-filter.schema';

export const sqlList = (xs: readonly (string | number)[]): SQL => sql`(${sql.join(xs.map((x) => sql`${x}`), sql`, `)})`;
const and = (conds: SQL[]): SQL => (conds.length ? sql.join(conds, sql` and `) : sql`true`);

interface Bounds { from: string | null; to: string | null }

function bounds(f: RegistryFilter): Bounds | null {
  const p = f.period;
  if (!p || (!p.from && !p.to)) return null;
  return { from: p.from ? partialDate(p.from).earliest : null, to: p.to ? partialDate(p.to).latest : null };
}

/** A date interval [earliest, latest] that may overlap the period. */
function overlap(earliest: SQL, latest: SQL, b: Bounds): SQL {
  const c: SQL[] = [];
  if (b.from) c.push(sql`coalesce(${latest}, 'infinity'::date) >= ${b.from}::date`);
  if (b.to) c.push(sql`coalesce(${earliest}, '-infinity'::date) <= ${b.to}::date`);
  return and(c);
}

function facilityCond(col: SQL, f: RegistryFilter['facilities']): SQL | null {
  if (!f) return null;
  const c: SQL[] = [];
  if (f.ids) c.push(sql`fx.id in ${sqlList(f.ids)}`);
  if (f.regions) c.push(sql`fx.region in ${sqlList(f.regions)}`);
  if (f.kinds) c.push(sql`fx.kind in ${sqlList(f.kinds)}`);
  if (!c.length) return null;
  return sql`exists (select 1 from facilities fx where fx.id = ${col} and ${and(c)})`;
}

function sourceCond(col: SQL, s: RegistryFilter['sources']): SQL | null {
  if (!s) return null;
  const c: SQL[] = [];
  if (s.ids) c.push(sql`sx.id in ${sqlList(s.ids)}`);
  if (s.kinds) c.push(sql`sx.kind in ${sqlList(s.kinds)}`);
  if (s.reliability) c.push(sql`sx.reliability in ${sqlList(s.reliability)}`);
  if (!c.length) return null;
  return sql`exists (select 1 from sources sx where sx.id = ${col} and ${and(c)})`;
}

/** Conditions on an allegation row `a` from the allegation part of a filter only. */
export function allegationOwnConds(f: RegistryFilter['allegations']): SQL[] {
  if (!f) return [];
  const c: SQL[] = [];
  if (f.types) c.push(sql`a.type_code in ${sqlList(f.types)}`);
  if (f.categories) c.push(sql`exists (select 1 from allegation_types tx where tx.code = a.type_code and tx.category in ${sqlList(f.categories)})`);
  if (f.verification) c.push(sql`a.status in ${sqlList(f.verification)}`);
  if (f.maxCredibility !== undefined) c.push(sql`a.credibility <= ${f.maxCredibility}`);
  if (f.sourceKinds) c.push(sql`exists (select 1 from sources sa where sa.id = a.source_id and sa.kind in ${sqlList(f.sourceKinds)})`);
  return c;
}

/** The person a victim row points at: directly or through one of their records. */
const VICTIM_PERSON = sql`coalesce((select rv.person_id from person_records rv where rv.id = v.person_record_id), v.person_id)`;

/** Conditions on a person row `p`. */
export function personConds(f: RegistryFilter): SQL[] {
  const c: SQL[] = [sql`exists (select 1 from person_records r0 where r0.person_id = p.id and r0.is_current)`];
  if (f.persons?.statuses) c.push(sql`p.status in ${sqlList(f.persons.statuses)}`);
  const src = sourceCond(sql`rs.source_id`, f.sources);
  if (src) c.push(sql`exists (select 1 from person_records rs where rs.person_id = p.id and rs.is_current and ${src})`);
  const b = bounds(f);
  const on = f.period?.on ?? 'custody';
  const fac = facilityCond(sql`ce.facility_id`, f.facilities);
  if (fac || (b && on === 'custody')) {
    const period = b && on === 'custody' ? overlap(sql`ce.from_earliest`, sql`coalesce(ce.to_latest, ce.from_latest)`, b) : sql`true`;
    c.push(sql`exists (select 1 from custody_episodes ce join person_records rc on rc.id = ce.person_record_id
      where rc.person_id = p.id and ${fac ?? sql`true`} and ${period})`);
  }
  if (b && on === 'status') c.push(overlap(sql`p.status_earliest`, sql`p.status_earliest`, b));
  const own = allegationOwnConds(f.allegations);
  if (own.length || (b && on === 'allegation')) {
    const period = b && on === 'allegation' ? overlap(sql`a.when_earliest`, sql`a.when_latest`, b) : sql`true`;
    c.push(sql`exists (select 1 from allegation_victims v join allegations a on a.id = v.allegation_id
      where ${VICTIM_PERSON} = p.id and ${and(own)} and ${period})`);
  }
  return c;
}

/** Conditions on an allegation row `a`. */
export function allegationConds(f: RegistryFilter): SQL[] {
  const c = allegationOwnConds(f.allegations);
  const fac = facilityCond(sql`a.facility_id`, f.facilities);
  if (fac) c.push(sql`a.facility_id is not null and ${fac}`);
  const b = bounds(f);
  if (b) c.push(overlap(sql`a.when_earliest`, sql`a.when_latest`, b));
  const src = sourceCond(sql`a.source_id`, f.sources);
  if (src) c.push(src);
  if (f.persons?.statuses) {
    c.push(sql`exists (select 1 from allegation_victims v join persons pv on pv.id = ${VICTIM_PERSON}
      where v.allegation_id = a.id and pv.status in ${sqlList(f.persons.statuses)})`);
  }
  return c;
}

/** `select id` of the members of the set: all filters ANDed. */
export function unitSet(unit: Unit, ...filters: RegistryFilter[]): SQL {
  if (unit === 'persons') return sql`select p.id from persons p where ${and(filters.flatMap(personConds))}`;
  return sql`select a.id from allegations a where ${and(filters.flatMap(allegationConds))}`;
}

/** Whether the strata of this dimension split the set (every member in exactly one stratum). */
export function isPartition(unit: Unit, by: Dimension): boolean {
  return unit === 'allegations' || !['source', 'type', 'category'].includes(by);
}

const PUBLIC_FACILITY = sql`(f.published and f.sensitivity = 'public') as public, f.sensitivity as sens`;
const PUBLIC_SOURCE = sql`(s.published and s.sensitivity = 'public') as public, s.sensitivity as sens`;
const OPEN = sql`true as public, 'public' as sens`;

/**
 * A lateral subquery giving (key, label, public) of the stratum (or strata) of member `u.id`.
 * For persons: facility and region of the first known place of detention, year of the first custody
 * episode (or of the status date, or of the first allegation), current status; every source that
 * describes them and every allegation type naming them (these overlap).
 */
export function stratumSql(unit: Unit, by: Dimension, periodField: PeriodField, where: RegistryFilter = {}): SQL {
  if (unit === 'allegations') {
    switch (by) {
      case 'status': return sql`select a.status as key, a.status as label, ${OPEN} from allegations a where a.id = u.id`;
      case 'facility': return sql`select f.id::text as key, f.name as label, ${PUBLIC_FACILITY} from allegations a join facilities f on f.id = a.facility_id where a.id = u.id`;
      case 'region': return sql`select f.region as key, f.region as label, ${OPEN} from allegations a join facilities f on f.id = a.facility_id where a.id = u.id and f.region is not null`;
      case 'period': return sql`select to_char(a.when_earliest, 'YYYY') as key, to_char(a.when_earliest, 'YYYY') as label, ${OPEN} from allegations a where a.id = u.id and a.when_earliest is not null`;
      case 'source': return sql`select s.id::text as key, s.title as label, ${PUBLIC_SOURCE} from allegations a join sources s on s.id = a.source_id where a.id = u.id`;
      case 'type': return sql`select t.code as key, t.label_en as label, ${OPEN} from allegations a join allegation_types t on t.code = a.type_code where a.id = u.id`;
      case 'category': return sql`select t.category as key, t.category as label, ${OPEN} from allegations a join allegation_types t on t.code = a.type_code where a.id = u.id`;
    }
  }
  const firstPlace = sql`from custody_episodes ce join person_records rc on rc.id = ce.person_record_id join facilities f on f.id = ce.facility_id
    where rc.person_id = u.id order by ce.from_earliest nulls last, f.name, f.id limit 1`;
  const own = allegationOwnConds(where.allegations);
  switch (by) {
    case 'status': return sql`select p.status as key, p.status as label, ${OPEN} from persons p where p.id = u.id`;
    case 'facility': return sql`select f.id::text as key, f.name as label, ${PUBLIC_FACILITY} ${firstPlace}`;
    case 'region': return sql`select f.region as key, f.region as label, ${OPEN} ${firstPlace}`;
    case 'period': {
      const year = periodField === 'status'
        ? sql`(select p.status_earliest from persons p where p.id = u.id)`
        : periodField === 'allegation'
          ? sql`(select min(a.when_earliest) from allegation_victims v join allegations a on a.id = v.allegation_id where ${VICTIM_PERSON} = u.id and ${and(own)})`
          : sql`(select min(ce.from_earliest) from custody_episodes ce join person_records rc on rc.id = ce.person_record_id where rc.person_id = u.id)`;
      return sql`select y.k as key, y.k as label, ${OPEN} from (select to_char(${year}, 'YYYY') as k) y where y.k is not null`;
    }
    case 'source': return sql`select distinct s.id::text as key, s.title as label, ${PUBLIC_SOURCE}
      from person_records r join sources s on s.id = r.source_id where r.person_id = u.id and r.is_current`;
    case 'type': return sql`select distinct t.code as key, t.label_en as label, ${OPEN}
      from allegation_victims v join allegations a on a.id = v.allegation_id join allegation_types t on t.code = a.type_code
      where ${VICTIM_PERSON} = u.id and ${and(own)}`;
    case 'category': return sql`select distinct t.category as key, t.category as label, ${OPEN}
      from allegation_victims v join allegations a on a.id = v.allegation_id join allegation_types t on t.code = a.type_code
      where ${VICTIM_PERSON} = u.id and ${and(own)}`;
  }
}

/** Counts per stratum; members without a stratum go to key '' ("unknown"). `sens` is the sensitivity of the labelled row. */
export function groupSql(set: SQL, stratum: SQL): SQL {
  return sql`with u as (${set})
    select coalesce(s.key, '') as key, coalesce(s.label, '(unknown)') as label, coalesce(s.public, true) as public,
      coalesce(s.sens, 'public') as sens, count(distinct u.id)::int as count
    from u left join lateral (${stratum}) s on true
    group by 1, 2, 3, 4 order by 5 desc, 2, 1`;
}

/** Source ↔ member links behind a set: records describing the persons (and the matching allegations naming them), or the allegations' sources. */
export function sourceLinksSql(unit: Unit, where: RegistryFilter): SQL {
  if (unit === 'allegations') return sql`select a.source_id, u.id from u join allegations a on a.id = u.id`;
  const own = allegationOwnConds(where.allegations);
  const viaAllegations = own.length
    ? sql`union all select a.source_id, u.id from u join allegation_victims v on ${VICTIM_PERSON} = u.id
        join allegations a on a.id = v.allegation_id where ${and(own)}`
    : sql``;
  return sql`select r.source_id, u.id from u join person_records r on r.person_id = u.id and r.is_current ${viaAllegations}`;
}
