import { sql } from 'drizzle-orm';

/** SQL of the facility dossier's sections; visibility filters applied to every section. */
export function facilityDossierQueries(id: string, sensitivities: string[], publicOnly: boolean) {
  const sens = sql`(${sql.join(sensitivities.map((s) => sql`${s}`), sql`, `)})`;
  const pub = (alias: string) => (publicOnly ? sql.raw(`and ${alias}.published`) : sql``);
  return {
    detaineesOverTime: sql`
      with ep as (
        select pr.person_id, ce.from_earliest as f, coalesce(ce.to_latest, ce.from_latest) as t
        from custody_episodes ce join person_records pr on pr.id = ce.person_record_id join persons p on p.id = pr.person_id
        where ce.facility_id = ${id} and ce.from_earliest is not null and ce.sensitivity in ${sens} and p.sensitivity in ${sens} ${pub('p')}),
      q as (select generate_series(date_trunc('quarter', min(f)), date_trunc('quarter', max(t)), interval '3 months')::date as qs from ep)
      select to_char(q.qs, 'YYYY') || '-Q' || extract(quarter from q.qs)::int as period,
             (select count(distinct ep.person_id)::int from ep where ep.f < (q.qs + interval '3 months') and ep.t >= q.qs) as persons
      from q order by q.qs`,
    allegationsByType: sql`
      select t.code as type_code, t.label_en, t.label_uk, count(a.id)::int as count
      from allegations a join allegation_types t on t.code = a.type_code
      where a.facility_id = ${id} and a.sensitivity in ${sens} ${pub('a')}
      group by t.code, t.label_en, t.label_uk order by count desc, t.code`,
    allegationsByPeriod: sql`
      select to_char(a.when_earliest, 'YYYY') as period, count(*)::int as count
      from allegations a where a.facility_id = ${id} and a.when_earliest is not null and a.sensitivity in ${sens} ${pub('a')}
      group by 1 order by 1`,
    detainees: sql`
      select p.id as person_id, p.display_name, p.status, min(ce.from_date) as "from", max(ce.to_date) as "to"
      from custody_episodes ce join person_records pr on pr.id = ce.person_record_id join persons p on p.id = pr.person_id
      where ce.facility_id = ${id} and ce.sensitivity in ${sens} and p.sensitivity in ${sens} ${pub('p')}
      group by p.id, p.display_name, p.status order by min(ce.from_earliest) nulls last, p.display_name limit 500`,
    testimonies: sql`
      select distinct s.id as source_id, s.title, s.obtained, s.reliability
      from sources s
      where s.kind = 'testimony' and s.sensitivity in ${sens} ${pub('s')}
        and (exists (select 1 from allegations a where a.source_id = s.id and a.facility_id = ${id})
          or exists (select 1 from custody_episodes ce where ce.source_id = s.id and ce.facility_id = ${id}))
      order by s.obtained nulls last, s.title limit 200`,
    evidence: sql`
      select e.id, e.sha256, e.media_type, e.received_at, e.original_name, e.size, e.leaf_index
      from evidence_items e
      where e.sensitivity in ${sens} ${publicOnly ? sql`and false` : sql``}
        and e.source_id in (select a.source_id from allegations a where a.facility_id = ${id}
                            union select ce.source_id from custody_episodes ce where ce.facility_id = ${id})
      order by e.received_at desc limit 200`,
  };
}
