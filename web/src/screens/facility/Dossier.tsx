import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { registry } from '../../api/registry';
import { BarList, ColumnChart } from '../../components/Charts';
import { PageTitle } from '../../components/PageTitle';
import { ErrorBox, Loading } from '../../components/Status';
import { fmtNumber, fmtPartial, langOf } from '../../lib/format';
import { periodBounds } from '../../lib/partialDate';
import { useApi } from '../../lib/useApi';
import { EvidenceTable } from '../evidence/SourceEvidence';
import { Detainees } from './Detainees';
import { FacilityFacts } from './FacilityFacts';

const FacilityMap = lazy(() => import('../map/FacilityMap'));

/** A facility dossier laid out like a CPT visit report: the place, who runs it, who was held, what they reported. */
export default function Dossier() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const r = useApi((s) => registry.dossier(id, s), [id]);
  if (r.error) return <><PageTitle title={t('dossier.title')}>{t('dossier.title')}</PageTitle><ErrorBox error={r.error} onRetry={r.reload} /></>;
  if (!r.data) return <Loading />;
  const d = r.data;
  const f = d.facility;
  const uk = i18n.language === 'uk';
  return (
    <>
      <PageTitle title={f.name} sub={<span>{t(`facilityKind.${f.kind}`, { defaultValue: f.kind })} · {[f.settlement, f.region, f.country].filter(Boolean).join(', ')}</span>}>
        <span lang={langOf(f.name)}>{f.name}</span>
      </PageTitle>
      <div className="grid-2">
        <section className="card" aria-labelledby="h-d1">
          <h2 id="h-d1">1. {t('dossier.facility')}</h2>
          <FacilityFacts f={f} detainees={d.detainees.length} allegations={d.allegationsByType.reduce((s, a) => s + a.count, 0)} />
        </section>
        <section className="card" aria-labelledby="h-dmap">
          <h2 id="h-dmap">{t('dossier.location')}</h2>
          {f.lat != null && f.lon != null ? (
            <Suspense fallback={<Loading />}>
              <FacilityMap facilities={[f]} height={300} compact highlightId={f.id} label={t('dossier.mapAria', { name: f.name })} />
              <p className="muted small">{f.lat.toFixed(4)}, {f.lon.toFixed(4)} · <Link to="/map">{t('dossier.openMap')}</Link></p>
            </Suspense>
          ) : <p>{t('map.noCoordinates')}</p>}
        </section>
      </div>
      <section className="card" aria-labelledby="h-d2">
        <h2 id="h-d2">2. {t('dossier.detainees')}</h2>
        <p>{t('dossier.detaineesKnown', { count: d.detainees.length, n: fmtNumber(d.detainees.length) })}</p>
        {d.detaineesOverTime.length > 0 && (
          <ColumnChart caption={t('dossier.detaineesOverTime')} unit={t('overview.personsUnit')} columns={d.detaineesOverTime.map((x) => { const b = periodBounds(x.period); return { label: x.period, value: x.persons, href: b ? `/persons?facility=${f.id}&from=${b.from}&to=${b.to}` : undefined }; })} />
        )}
        <Detainees rows={d.detainees} />
      </section>
      <section className="card" aria-labelledby="h-d3">
        <h2 id="h-d3">3. {t('dossier.allegations')}</h2>
        {d.allegationsByType.length === 0 ? <p>{t('common.none')}</p> : (
          <div className="grid-2">
            <BarList caption={t('dossier.byType')} bars={d.allegationsByType.map((a) => ({ key: a.typeCode, label: uk ? a.labelUk : a.labelEn, value: a.count }))} />
            <ColumnChart caption={t('dossier.byPeriod')} unit={t('dossier.allegationsUnit')} columns={d.allegationsByPeriod.map((a) => ({ label: a.period, value: a.count }))} />
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="h-d4">
        <h2 id="h-d4">4. {t('dossier.testimonies')}</h2>
        {d.testimonies.length === 0 ? <p>{t('common.none')}</p> : (
          <ul className="plain-list">
            {d.testimonies.map((s) => (
              <li key={s.sourceId}>
                <Link to={`/persons?source=${s.sourceId}`} lang={langOf(s.title)}>{s.title}</Link>{' '}
                <span className="muted">{fmtPartial(s.obtained)} · {t('source.reliability')} {s.reliability}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="h-d5">
        <h2 id="h-d5">5. {t('dossier.evidence')}</h2>
        <EvidenceTable items={d.evidence} />
      </section>
    </>
  );
}
