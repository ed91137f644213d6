import { useTranslation } from 'react-i18next';
import { fmtNumber } from '../lib/format';

/** With an estimated total the last page is not known: no "of N", no "Last"; Next stays while pages come back full. */
export function Pager({ total, estimated = false, hasMore = true, offset, limit, onOffset }: { total: number; estimated?: boolean; hasMore?: boolean; offset: number; limit: number; onOffset: (o: number) => void }) {
  const { t } = useTranslation();
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button type="button" onClick={() => onOffset(0)} disabled={page <= 1}>{t('pager.first')}</button>
      <button type="button" onClick={() => onOffset(Math.max(0, offset - limit))} disabled={page <= 1}>{t('pager.prev')}</button>
      <span aria-live="polite">{estimated ? t('pager.pageOnly', { page: fmtNumber(page) }) : t('pager.page', { page: fmtNumber(page), pages: fmtNumber(pages) })}</span>
      <button type="button" onClick={() => onOffset(offset + limit)} disabled={estimated ? !hasMore : page >= pages}>{t('pager.next')}</button>
      {!estimated && <button type="button" onClick={() => onOffset((pages - 1) * limit)} disabled={page >= pages}>{t('pager.last')}</button>}
    </nav>
  );
}
