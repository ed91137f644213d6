import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AllegationType, TimelineEvent } from '../../api/types';
import { fmtPartial, langOf } from '../../lib/format';

/** The timeline as a table: the same events, readable without the drawing. */
export function EventsTable({ events, types }: { events: TimelineEvent[]; types: Map<string, AllegationType> }) {
  const { t, i18n } = useTranslation();
  const what = (e: TimelineEvent) => {
    if (e.kind === 'status') return t(`status.${e.label}`, { defaultValue: e.label });
    if (e.kind === 'allegation') { const ty = types.get(e.label); return ty ? (i18n.language === 'uk' ? ty.labelUk : ty.labelEn) : e.label; }
    return t('person.heldAt');
  };
  return (
    <details className="events-details">
      <summary>{t('person.eventsTable', { count: events.length })}</summary>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr><th scope="col">{t('person.when')}</th><th scope="col">{t('person.event')}</th><th scope="col">{t('person.facility')}</th><th scope="col">{t('person.source')}</th></tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={`${e.kind}-${e.refId}`}>
                <td>{e.kind === 'custody' ? `${fmtPartial(e.from)} – ${e.to ? fmtPartial(e.to) : t('person.endUnknown')}` : fmtPartial(e.from)}</td>
                <td>{what(e)}</td>
                <td>{e.facilityId ? <Link to={`/facilities/${e.facilityId}`} lang={langOf(e.facilityName)}>{e.facilityName}</Link> : '—'}</td>
                <td lang={langOf(e.sourceTitle)}>{e.sourceTitle}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
