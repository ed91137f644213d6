import { useTranslation } from 'react-i18next';
import { evidence } from '../../api/pending';
import { PageTitle } from '../../components/PageTitle';
import { ApiError } from '../../api/client';
import { ErrorBox, Loading } from '../../components/Status';
import { useApi } from '../../lib/useApi';
import { EvidenceTable } from './SourceEvidence';
import { Upload } from './Upload';

export default function Evidence() {
  const { t } = useTranslation();
  const list = useApi(() => evidence.list({ limit: 100 }), []);
  const cp = useApi(() => evidence.checkpoint(), [list.data]);
  return (
    <>
      <PageTitle title={t('evidence.title')} sub={<p className="small">{t('evidence.intro')}</p>}>{t('evidence.title')}</PageTitle>
      <Upload onDone={list.reload} />
      <section className="card" aria-labelledby="h-ev-list">
        <h2 id="h-ev-list">{t('evidence.items')}</h2>
        {list.error ? <ErrorBox error={list.error} onRetry={list.reload} /> : !list.data ? <Loading /> : <EvidenceTable items={list.data.items} />}
      </section>
      <section className="card" aria-labelledby="h-cp">
        <h2 id="h-cp">{t('evidence.checkpoint')}</h2>
        {cp.error ? (cp.error instanceof ApiError && cp.error.status === 404 ? <p>{t('evidence.noCheckpoint')}</p> : <ErrorBox error={cp.error} />)
          : !cp.data ? <Loading /> : <pre className="checkpoint" data-testid="checkpoint" tabIndex={0} aria-label={t('evidence.checkpoint')}>{cp.data}</pre>}
      </section>
    </>
  );
}
