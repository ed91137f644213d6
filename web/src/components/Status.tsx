import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return <p className="loading" role="status" aria-live="polite">{label ?? t('common.loading')}</p>;
}

/** A problem from the API, with every field it names. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.notAvailable) return <NotAvailable path={error.path} />;
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

/** An endpoint another part of Vigil has not delivered yet. */
export function NotAvailable({ path, what }: { path?: string; what?: string }) {
  const { t } = useTranslation();
  return (
    <div className="not-available" role="status">
      <p><strong>{t('common.notAvailable')}</strong></p>
      <p>{what ?? t('common.notAvailableDetail')}{path && <> <code>{path}</code></>}</p>
    </div>
  );
}

export function isNotAvailable(error: unknown): boolean {
  return error instanceof ApiError && error.notAvailable;
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`status.${status}`, { defaultValue: status })}</span>;
}
