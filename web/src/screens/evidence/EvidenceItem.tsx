import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { evidence } from '../../api/pending';
import { PageTitle } from '../../components/PageTitle';
import { ErrorBox, Loading } from '../../components/Status';
import { fmtBytes, fmtTimestamp } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { download } from './hash';

export default function EvidenceItem() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const r = useApi(() => evidence.get(id), [id]);
  const [proofError, setProofError] = useState<unknown>(null);
  if (r.error) return <><PageTitle title={t('evidence.item')}>{t('evidence.item')}</PageTitle><ErrorBox error={r.error} onRetry={r.reload} /></>;
  if (!r.data) return <Loading />;
  const { item, custody } = r.data;
  const getProof = async () => {
    setProofError(null);
    try {
      const proof = await evidence.proof(item.id, item.logIndex);
      download(`inclusion-proof-${item.sha256?.slice(0, 16) ?? item.logIndex}.json`, typeof proof === 'string' ? proof : JSON.stringify(proof, null, 2));
    } catch (e) { setProofError(e); }
  };
  return (
    <>
      <PageTitle title={item.fileName ?? item.id}>{item.fileName ?? t('evidence.item')}</PageTitle>
      <section className="card" aria-labelledby="h-ev">
        <h2 id="h-ev">{t('evidence.integrity')}</h2>
        <dl className="kv">
          <dt>SHA-256</dt><dd><code className="hash">{item.sha256 ?? '—'}</code></dd>
          <dt>{t('evidence.logIndex')}</dt><dd>{item.logIndex ?? '—'}</dd>
          <dt>{t('evidence.type')}</dt><dd>{item.mediaType ?? '—'} · {fmtBytes(item.size)}</dd>
          <dt>{t('evidence.received')}</dt><dd>{fmtTimestamp(item.receivedAt)}</dd>
          {item.description && <><dt>{t('evidence.description')}</dt><dd>{item.description}</dd></>}
        </dl>
        <button type="button" onClick={() => void getProof()} >{t('evidence.downloadProof')}</button>
        {proofError != null && <ErrorBox error={proofError} />}
      </section>
      <section className="card" aria-labelledby="h-custody">
        <h2 id="h-custody">{t('evidence.custody')}</h2>
        {custody.length === 0 ? <p>{t('common.none')}</p> : (
          <ol className="custody-events">
            {custody.map((c, i) => <li key={i}><strong>{t(`custodyKind.${c.action}`, { defaultValue: c.action })}</strong> · {fmtTimestamp(c.at)}{c.actor && ` · ${c.actor}`}{c.note && <span className="muted"> — {c.note}</span>}</li>)}
          </ol>
        )}
      </section>
    </>
  );
}
