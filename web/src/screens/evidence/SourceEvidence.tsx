import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { evidence, type EvidenceItem } from '../../api/pending';
import { ErrorBox, Loading } from '../../components/Status';
import { fmtBytes, fmtTimestamp } from '../../lib/format';
import { pool, useApi } from '../../lib/useApi';

/** Evidence items attached to any of these sources. */
export function SourceEvidence({ sourceIds }: { sourceIds: string[] }) {
  const { t } = useTranslation();
  const key = sourceIds.join(',');
  const r = useApi(async () => {
    const lists = await pool(sourceIds, 3, (sourceId) => evidence.list({ sourceId, limit: 50 }));
    const seen = new Map<string, EvidenceItem>();
    for (const l of lists) for (const it of l.items) seen.set(it.id, it);
    return [...seen.values()];
  }, [key]);
  if (r.error) return <ErrorBox error={r.error} />;
  if (!r.data) return <Loading />;
  return <EvidenceTable items={r.data} />;
}

export function EvidenceTable({ items }: { items: { id: string; sha256: string | null; mediaType: string | null; receivedAt: string | null; size?: number | null; fileName?: string | null; logIndex?: number | null }[] }) {
  const { t } = useTranslation();
  if (!items.length) return <p>{t('evidence.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="data-table">
        <thead><tr><th scope="col">{t('evidence.file')}</th><th scope="col">SHA-256</th><th scope="col">{t('evidence.type')}</th><th scope="col">{t('evidence.received')}</th><th scope="col" className="num">{t('evidence.logIndex')}</th></tr></thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <td><Link to={`/evidence/${e.id}`}>{e.fileName ?? e.id.slice(0, 8)}</Link>{e.size != null && <span className="muted"> · {fmtBytes(e.size)}</span>}</td>
              <td><code className="hash" title={e.sha256 ?? ''}>{e.sha256 ? `${e.sha256.slice(0, 16)}…` : '—'}</code></td>
              <td>{e.mediaType ?? '—'}</td>
              <td>{fmtTimestamp(e.receivedAt)}</td>
              <td className="num">{e.logIndex ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
