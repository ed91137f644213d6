import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PersonSummary } from '../../api/types';
import { StatusBadge } from '../../components/Status';
import { fmtPartial, langOf } from '../../lib/format';

const SORTS = ['relevance', 'name', 'status', 'updated'] as const;

export function ResultsTable({ items, sort, onSort, busy }: { items: PersonSummary[]; sort: string; onSort: (s: string) => void; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="table-tools">
        <label htmlFor="f-sort">{t('registry.sort')}</label>
        <select id="f-sort" value={sort} onChange={(e) => onSort(e.target.value)}>
          {SORTS.map((s) => <option key={s} value={s}>{t(`registry.sortBy.${s}`)}</option>)}
        </select>
      </div>
      {items.length === 0 ? <p>{t('registry.noResults')}</p> : (
        <div className="table-wrap">
          <table className="data-table" aria-busy={busy}>
            <caption className="sr-only">{t('registry.results')}</caption>
            <thead>
              <tr>
                <th scope="col" aria-sort={sort === 'name' ? 'ascending' : undefined}>{t('person.name')}</th>
                <th scope="col">{t('person.latin')}</th>
                <th scope="col" aria-sort={sort === 'status' ? 'ascending' : undefined}>{t('person.status')}</th>
                <th scope="col">{t('person.birth')}</th>
                <th scope="col" className="num">{t('person.records')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <td><Link to={`/persons/${p.id}`} lang={langOf(p.displayName)}>{p.displayName}</Link></td>
                  <td>{p.displayNameLatin && p.displayNameLatin !== p.displayName ? p.displayNameLatin : ''}</td>
                  <td><StatusBadge status={p.status} /> <span className="muted">{p.statusDate ? fmtPartial(p.statusDate) : ''}</span></td>
                  <td>{fmtPartial(p.birth)}</td>
                  <td className="num">{p.recordCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
