import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return <p className="loading" role="status" aria-live="polite">{label ?? t('common.loading')}</p>;
}

/** A problem from the API, with every field it names. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const e = error instanceof ApiError ? error : null;
  return (
    <div className="error-box" role="alert">
      <p><strong>{e ? e.title : t('common.error')}</strong>{e?.status ? ` (${e.status})` : ''}</p>
      {e?.detail && e.fields.length === 0 && <p>{e.detail}</p>}
      {!e && <p>{error instanceof Error ? error.message : String(error)}</p>}
      {e && e.fields.length > 0 && (
        <ul className="problem-fields">
          {e.fields.map((f, i) => <li key={i}><code>{f.field}</code>: {f.message}</li>)}
        </ul>
      )}
      {onRetry && <button type="button" onClick={onRetry}>{t('common.retry')}</button>}
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`status.${status}`, { defaultValue: status })}</span>;
}
