import { useTranslation } from 'react-i18next';
import { fmtNumber } from '../lib/format';

export function Pager({ total, offset, limit, onOffset }: { total: number; offset: number; limit: number; onOffset: (o: number) => void }) {
  const { t } = useTranslation();
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button type="button" onClick={() => onOffset(0)} disabled={page <= 1}>{t('pager.first')}</button>
      <button type="button" onClick={() => onOffset(Math.max(0, offset - limit))} disabled={page <= 1}>{t('pager.prev')}</button>
      <span aria-live="polite">{t('pager.page', { page: fmtNumber(page), pages: fmtNumber(pages) })}</span>
      <button type="button" onClick={() => onOffset(offset + limit)} disabled={page >= pages}>{t('pager.next')}</button>
      <button type="button" onClick={() => onOffset((pages - 1) * limit)} disabled={page >= pages}>{t('pager.last')}</button>
    </nav>
  );
}
