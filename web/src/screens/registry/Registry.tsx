import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { registry } from '../../api/registry';
import { PageTitle } from '../../components/PageTitle';
import { Pager } from '../../components/Pager';
import { ErrorBox, Loading } from '../../components/Status';
import { fmtCount } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { Filters } from './Filters';
import { ResultsTable } from './ResultsTable';

export const PAGE_SIZE = 25;
/** The filters live in the URL, so a search can be shared as a link. */
export const FILTER_KEYS = ['q', 'status', 'facility', 'source', 'from', 'to', 'sort'] as const;

export default function Registry() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const query = {
    q: params.get('q') ?? undefined, status: params.get('status') ?? undefined, facilityId: params.get('facility') ?? undefined,
    sourceId: params.get('source') ?? undefined, from: params.get('from') ?? undefined, to: params.get('to') ?? undefined,
    sort: params.get('sort') ?? undefined, limit: PAGE_SIZE, offset,
  };
  const key = params.toString();
  const result = useApi((signal) => registry.persons(query, signal), [key]);

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value); else next.delete(name);
    next.delete('offset');
    setParams(next, { replace: name === 'q' });
  };
  const setOffset = (o: number) => {
    const next = new URLSearchParams(params);
    if (o > 0) next.set('offset', String(o)); else next.delete('offset');
    setParams(next);
  };

  return (
    <>
      <PageTitle title={t('registry.title')}>{t('registry.title')}</PageTitle>
      <Filters params={params} setFilter={setFilter} clear={() => setParams(new URLSearchParams())} />
      <section aria-labelledby="h-results" className="results">
        <h2 id="h-results" className="results-head" aria-live="polite">
          {result.data ? t('registry.found', { count: result.data.estimated && result.data.total <= 1001 ? 1000 : result.data.total, n: fmtCount({ n: result.data.total, estimated: result.data.estimated === true }) }) : t('registry.results')}
        </h2>
        {result.error ? <ErrorBox error={result.error} onRetry={result.reload} /> : !result.data ? <Loading /> : (
          <>
            <ResultsTable items={result.data.items} sort={query.sort ?? 'relevance'} onSort={(s) => setFilter('sort', s)} busy={result.loading} />
            <Pager total={result.data.total} estimated={result.data.estimated === true} hasMore={result.data.items.length === PAGE_SIZE} offset={offset} limit={PAGE_SIZE} onOffset={setOffset} />
          </>
        )}
      </section>
    </>
  );
}
