import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { registry } from '../../api/registry';
import type { AllegationType, Source } from '../../api/types';
import { PageTitle } from '../../components/PageTitle';
import { ErrorBox, Loading, StatusBadge } from '../../components/Status';
import { fmtPartial, langOf } from '../../lib/format';
import { pool, useApi } from '../../lib/useApi';
import { SourceEvidence } from '../evidence/SourceEvidence';
import { Allegations } from './Allegations';
import { EventsTable } from './EventsTable';
import { Names } from './Names';
import { Records } from './Records';
import { Timeline } from './Timeline';

async function loadPerson(id: string, signal: AbortSignal) {
  const [person, timeline, allegations, types] = await Promise.all([
    registry.person(id, signal), registry.timeline(id, signal),
    registry.allegations({ personId: id, limit: 200 }, signal), registry.allegationTypes(signal),
  ]);
  const sourceIds = [...new Set([...person.records.map((r) => r.sourceId), ...allegations.items.map((a) => a.sourceId)])];
  const sources = await pool(sourceIds, 4, (s) => registry.source(s, signal).catch(() => null));
  return {
    person, events: timeline.events, allegations: allegations.items,
    types: new Map<string, AllegationType>(types.items.map((x) => [x.code, x])),
    sources: new Map<string, Source>(sources.filter((s): s is Source => s !== null).map((s) => [s.id, s])),
  };
}

export default function Person() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const r = useApi((signal) => loadPerson(id, signal), [id]);
  if (r.error) return <><PageTitle title={t('person.title')}>{t('person.title')}</PageTitle><ErrorBox error={r.error} onRetry={r.reload} /></>;
  if (!r.data) return <Loading />;
  const { person, events, allegations, types, sources } = r.data;
  return (
    <>
      <PageTitle title={person.displayName} sub={<><StatusBadge status={person.status} /> {person.statusDate && <span>{fmtPartial(person.statusDate)}</span>} {person.birth && <span className="muted">· {t('person.born')} {fmtPartial(person.birth)}</span>}</>}>
        <span lang={langOf(person.displayName)}>{person.displayName}</span>
      </PageTitle>
      <div className="grid-2 person-top">
        <section className="card" aria-labelledby="h-names">
          <h2 id="h-names">{t('person.names')}</h2>
          <Names person={person} />
        </section>
        <section className="card" aria-labelledby="h-sum">
          <h2 id="h-sum">{t('person.summary')}</h2>
          <dl className="kv">
            <dt>{t('person.records')}</dt><dd>{person.recordCount}</dd>
            <dt>{t('person.sourcesCount')}</dt><dd>{sources.size}</dd>
            <dt>{t('person.allegationsCount')}</dt><dd>{allegations.length}</dd>
            <dt>{t('person.sensitivity')}</dt><dd>{t(`sensitivity.${person.sensitivity}`, { defaultValue: person.sensitivity })}</dd>
          </dl>
        </section>
      </div>
      <section className="card" aria-labelledby="h-timeline">
        <h2 id="h-timeline">{t('person.timeline')}</h2>
        {events.length ? <><Timeline events={events} types={types} /><EventsTable events={events} types={types} /></> : <p>{t('person.noEvents')}</p>}
      </section>
      <section className="card" aria-labelledby="h-alleg">
        <h2 id="h-alleg">{t('person.allegations')}</h2>
        <Allegations items={allegations} sourceTitle={(sid) => sources.get(sid)?.title} />
      </section>
      <section className="card" aria-labelledby="h-records">
        <h2 id="h-records">{t('person.sourceRecords')}</h2>
        <Records records={person.records} sources={sources} />
      </section>
      <section className="card" aria-labelledby="h-evidence">
        <h2 id="h-evidence">{t('person.evidence')}</h2>
        <SourceEvidence sourceIds={[...sources.keys()]} />
      </section>
    </>
  );
}
