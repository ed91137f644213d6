import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../api/pending';
import { fmtNumber } from '../../lib/format';

/** The dry run: what would be imported, and every problem by row and column. */
export function ProblemsStep({ preview, onCommit, busy }: { preview: ImportPreview; onCommit: () => void; busy: boolean }) {
  const { t } = useTranslation();
  const errors = preview.problems.filter((p) => p.severity === 'error');
  const s = preview.stats;
  const cols = preview.rows.length ? Object.keys(preview.rows[0]).slice(0, 8) : [];
  // Dates arrive as {text, earliest, latest}: the text is what the row said, normalised.
  const cell = (v: unknown) => (v == null ? '' : typeof v === 'object' ? String((v as { text?: unknown }).text ?? JSON.stringify(v)) : String(v));
  return (
    <section className="card form-section" aria-labelledby="imp-h3">
      <h2 id="imp-h3" tabIndex={-1}>{t('import.step3')}</h2>
      <p role="status" data-testid="dry-run-summary">
        {t('import.summary', { rows: fmtNumber(s.dataRows), accepted: fmtNumber(s.accepted), rejected: fmtNumber(s.rejected) })}{' '}
        {t('import.problemCount', { count: preview.problems.length })}
      </p>
      {preview.problems.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('import.problems')}>
          <table className="data-table problems-table" data-testid="import-problems">
            <caption>{t('import.problems')}</caption>
            <thead><tr><th scope="col">{t('import.fileCol')}</th><th scope="col" className="num">{t('import.row')}</th><th scope="col">{t('import.column')}</th><th scope="col">{t('import.severity')}</th><th scope="col">{t('import.message')}</th></tr></thead>
            <tbody>
              {preview.problems.map((p, i) => (
                <tr key={i} className={`sev-${p.severity}`}>
                  <td>{p.file ?? '—'}</td><td className="num">{p.row ?? '—'}</td><td><code>{p.column ?? '—'}</code></td>
                  <td>{t(`import.sev.${p.severity}`, { defaultValue: p.severity })}</td><td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cols.length > 0 && (
        <details>
          <summary>{t('import.recognisedRows', { count: preview.rows.length })}</summary>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('import.recognisedRows', { count: preview.rows.length })}>
            <table className="data-table">
              <thead><tr>{cols.map((c) => <th key={c} scope="col">{t(`importField.${c}`, { defaultValue: c })}</th>)}</tr></thead>
              <tbody>{preview.rows.slice(0, 10).map((r, i) => <tr key={i}>{cols.map((c) => <td key={c}>{cell(r[c])}</td>)}</tr>)}</tbody>
            </table>
          </div>
        </details>
      )}
      <button type="button" className="primary" onClick={onCommit} disabled={busy}>
        {errors.length ? t('import.commitSkipping', { count: errors.length }) : t('import.commit')}
      </button>
    </section>
  );
}
