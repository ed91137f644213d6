import { sql } from 'drizzle-orm';
import type { Actor } from '../domain';
import { queryRows, type Db } from '../db';
import type { PersonService } from './person.service';
import { isPublicActor, readableSensitivities } from './visibility';

export interface TimelineEvent {
  kind: 'custody' | 'status' | 'allegation';
  from: string | null;
  to: string | null;
  earliest: string | null;
  latest: string | null;
  label: string;
  facilityId: string | null;
  facilityName: string | null;
  sourceId: string;
  sourceTitle: string;
  refId: string;
}

/** A person's custody episodes, status claims and allegations, in date order (undated last). */
export async function personTimeline(db: Db, persons: PersonService, actor: Actor, personId: string): Promise<{ personId: string; events: TimelineEvent[] }> {
  await persons.get(actor, personId); // visibility check
  const sens = sql`(${sql.join(readableSensitivities(actor).map((s) => sql`${s}`), sql`, `)})`;
  // An event is shown only when the reader may see everything it names: its source, the facility
  // it names, and (for allegations) the allegation itself — for the public, each published and public.
  const seen = (alias: string) => (isPublicActor(actor) ? sql`and ${sql.raw(alias)}.published and ${sql.raw(alias)}.sensitivity = 'public'` : sql`and ${sql.raw(alias)}.sensitivity in ${sens}`);
  const seenFacility = isPublicActor(actor) ? sql`and (f.id is null or (f.published and f.sensitivity = 'public'))` : sql`and (f.id is null or f.sensitivity in ${sens})`;
  const rows = await queryRows<Record<string, string | null>>(db, sql`
    select 'custody' as kind, ce.from_date as "from", ce.to_date as "to", ce.from_earliest::text as earliest,
           coalesce(ce.to_latest, ce.from_latest)::text as latest, f.name as label, f.id as facility_id, f.name as facility_name,
           s.id as source_id, s.title as source_title, ce.id as ref_id
      from custody_episodes ce join person_records pr on pr.id = ce.person_record_id
      join facilities f on f.id = ce.facility_id join sources s on s.id = ce.source_id
     where pr.person_id = ${personId} and ce.sensitivity in ${sens} ${seen('s')} ${seenFacility}
    union all
    select 'status', pr.status_date, null, pr.status_earliest::text, pr.status_latest::text, pr.status, null, null, s.id, s.title, pr.id
      from person_records pr join sources s on s.id = pr.source_id
     where pr.person_id = ${personId} and pr.is_current and pr.status <> 'unknown' and pr.sensitivity in ${sens} ${seen('s')}
    union all
    select 'allegation', a.when, null, a.when_earliest::text, a.when_latest::text, a.type_code, f.id, f.name, s.id, s.title, a.id
      from allegations a join allegation_victims v on v.allegation_id = a.id
      left join person_records vr on vr.id = v.person_record_id
      left join facilities f on f.id = a.facility_id join sources s on s.id = a.source_id
     where coalesce(vr.person_id, v.person_id) = ${personId} and a.sensitivity in ${sens} ${seen('a')} ${seen('s')} ${seenFacility}
    order by earliest nulls last, latest nulls last, kind`);
  return {
    personId,
    events: rows.map((r) => ({
      kind: r.kind as TimelineEvent['kind'], from: r.from, to: r.to, earliest: r.earliest, latest: r.latest, label: r.label ?? '',
      facilityId: r.facility_id, facilityName: r.facility_name, sourceId: r.source_id!, sourceTitle: r.source_title!, refId: r.ref_id!,
    })),
  };
}
