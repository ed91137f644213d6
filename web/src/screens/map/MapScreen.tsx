import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { registry } from '../../api/registry';
import { PageTitle } from '../../components/PageTitle';
import { ErrorBox, Loading } from '../../components/Status';
import { fmtNumber, langOf } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import FacilityMap from './FacilityMap';

export default function MapScreen() {
  const { t } = useTranslation();
  const r = useApi(async (s) => {
    const page = await registry.facilities({ sort: 'detainees', limit: 500 }, s);
    return { ...page, items: [...page.items].sort((a, b) => (b.detainees ?? 0) - (a.detainees ?? 0)) };
  }, []);
  return (
    <>
      <PageTitle title={t('map.title')}>{t('map.title')}</PageTitle>
      {r.error ? <ErrorBox error={r.error} onRetry={r.reload} /> : !r.data ? <Loading /> : (
        <div className="map-layout">
          <section className="card map-card" aria-labelledby="h-map">
            <h2 id="h-map" className="sr-only">{t('map.title')}</h2>
            <FacilityMap facilities={r.data.items} label={t('map.aria', { count: r.data.items.length })} />
          </section>
          <section className="card map-list" aria-labelledby="h-maplist">
            <h2 id="h-maplist">{t('map.list', { count: r.data.total })}</h2>
            <ul className="plain-list">
              {r.data.items.map((f) => (
                <li key={f.id}>
                  <Link to={`/facilities/${f.id}`} lang={langOf(f.name)}>{f.name}</Link>
                  <span className="muted small"> · {[f.settlement, f.country].filter(Boolean).join(', ')} · {t('map.detainees', { count: f.detainees ?? 0, n: fmtNumber(f.detainees ?? 0) })}{f.lat == null ? ` · ${t('map.noCoordinates')}` : ''}</span>
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
    </>
  );
}
