import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorBox, Loading, StatusBadge } from '../../components/Status';
import { fmtPartial, fmtTimestamp, langOf } from '../../lib/format';
import type { Loadable } from '../../lib/useApi';
import type { loadRecent } from './data';

export function Recent({ recent }: { recent: Loadable<Awaited<ReturnType<typeof loadRecent>>> }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="h-recent">
      <h2 id="h-recent">{t('overview.recent')}</h2>
      {recent.error ? <ErrorBox error={recent.error} onRetry={recent.reload} /> : !recent.data ? <Loading /> : (
        <div className="grid-2">
          <div>
            <h3>{t('overview.recentSources')}</h3>
            <ul className="plain-list">
              {recent.data.sources.map((s) => (
                <li key={s.id}>
                  <span lang={langOf(s.title)}>{s.title}</span>{' '}
                  <span className="muted">{t(`sourceKind.${s.kind}`, { defaultValue: s.kind })} · {t('source.reliability')} {s.reliability} · {fmtTimestamp(s.createdAt)}</span>
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3>{t('overview.recentPersons')}</h3>
            <ul className="plain-list">
              {recent.data.persons.map((p) => (
                <li key={p.id}>
                  <Link to={`/persons/${p.id}`} lang={langOf(p.displayName)}>{p.displayName}</Link>{' '}
                  <StatusBadge status={p.status} /> <span className="muted">{fmtPartial(p.statusDate)}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}
