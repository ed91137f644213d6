import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { BarList, ColumnChart } from '../../components/Charts';
import { PageTitle } from '../../components/PageTitle';
import { ErrorBox, Loading } from '../../components/Status';
import { langOf } from '../../lib/format';
import { periodBounds } from '../../lib/partialDate';

const periodHref = (label: string) => { const b = periodBounds(label); return b ? `/persons?from=${b.from}&to=${b.to}` : undefined; };
import { useApi } from '../../lib/useApi';
import { loadAllegationsByType, loadCustodyOverTime, loadFacilities, loadHeadline, loadRecent } from './data';
import { Headline } from './Headline';
import { Recent } from './Recent';

export function Overview() {
  const { t, i18n } = useTranslation();
  const headline = useApi(loadHeadline, []);
  const byType = useApi(loadAllegationsByType, []);
  const overTime = useApi(loadCustodyOverTime, []);
  const facilities = useApi(loadFacilities, []);
  const recent = useApi(loadRecent, []);
  const uk = i18n.language === 'uk';

  return (
    <>
      <PageTitle title={t('overview.title')}>{t('overview.title')}</PageTitle>
      <section aria-labelledby="h-counts">
        <h2 id="h-counts" className="sr-only">{t('overview.counts')}</h2>
        {headline.data ? <Headline h={headline.data} allegations={byType.data?.reduce((n, x) => n + x.count, 0)} facilities={facilities.data?.total} sources={recent.data?.sourcesTotal} /> : headline.error ? <ErrorBox error={headline.error} onRetry={headline.reload} /> : <Loading />}
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="h-types">
          <h2 id="h-types">{t('overview.allegationsByType')}</h2>
          {byType.data ? (
            byType.data.length ? (
              <BarList caption={t('overview.allegationsByTypeCaption')} bars={byType.data.map((x) => ({ key: x.type.code, label: uk ? x.type.labelUk : x.type.labelEn, value: x.count }))} />
            ) : <p>{t('common.none')}</p>
          ) : byType.error ? <ErrorBox error={byType.error} onRetry={byType.reload} /> : <Loading />}
        </section>
        <section className="card" aria-labelledby="h-fac">
          <h2 id="h-fac">{t('overview.byFacility')}</h2>
          {facilities.data ? (
            <>
              <BarList caption={t('overview.byFacilityCaption')}
                bars={facilities.data.items.slice(0, 10).map((f) => ({ key: f.id, label: f.name, value: f.detainees ?? 0, href: `/facilities/${f.id}`, lang: langOf(f.name) }))} />
              <p><Link to="/map">{t('overview.seeMap', { count: facilities.data.total })}</Link></p>
            </>
          ) : facilities.error ? <ErrorBox error={facilities.error} onRetry={facilities.reload} /> : <Loading />}
        </section>
      </div>
      <section className="card" aria-labelledby="h-time">
        <h2 id="h-time">{t('overview.overTime')}</h2>
        {overTime.data ? (
          overTime.data.length ? <ColumnChart caption={t('overview.overTimeCaption')} unit={t('overview.personsUnit')} columns={overTime.data.map((c) => ({ ...c, href: periodHref(c.label) }))} /> : <p>{t('common.none')}</p>
        ) : overTime.error ? <ErrorBox error={overTime.error} onRetry={overTime.reload} /> : <Loading />}
      </section>
      <Recent recent={recent} />
    </>
  );
}
