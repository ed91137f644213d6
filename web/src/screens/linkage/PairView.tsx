import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ReviewPair } from '../../api/pending';
import { langOf } from '../../lib/format';
import { diffRecords, markWords } from './diff';

const ORDER = ['familyName', 'givenName', 'patronymic', 'fullName', 'birth', 'birthDate', 'birthPlace', 'sex', 'citizenship', 'unit', 'rank', 'serviceNumber', 'status', 'statusDate'];

/** Coded values (status, sex) in the interface language; everything else as the source wrote it. */
function Marked({ text, only, field }: { text: string | null; only: Set<string>; field: string }) {
  const { t } = useTranslation();
  if (!text) return <span className="muted">—</span>;
  if (field === 'status' || field === 'sex') return <span className={only.size ? 'marked-code' : undefined}>{t(`${field}.${text}`, { defaultValue: text })}</span>;
  return <span lang={langOf(text)}>{markWords(text, only).map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</span>;
}

/** The two records side by side; rows that differ are highlighted, and so are the words found on one side only. */
export function PairView({ pair }: { pair: ReviewPair }) {
  const { t } = useTranslation();
  const rows = diffRecords(pair.left.fields, pair.right.fields, ORDER);
  const head = (side: 'left' | 'right') => {
    const r = pair[side];
    return (
      <th scope="col">
        {t(`linkage.${side}`)}
        {r.sourceTitle && <span className="muted small block" lang={langOf(r.sourceTitle)}>{r.sourceTitle}</span>}
        {r.personId && <Link className="small block" to={`/persons/${r.personId}`}>{t('linkage.openPerson')}</Link>}
      </th>
    );
  };
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('linkage.pairCaption')}>
      <table className="data-table pair-table" data-testid="pair-table">
        <caption className="sr-only">{t('linkage.pairCaption')}</caption>
        <thead><tr><th scope="col">{t('linkage.field')}</th>{head('left')}{head('right')}<th scope="col">{t('linkage.state')}</th></tr></thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.field} className={`diff-${d.state}`}>
              <th scope="row">{t(`importField.${d.field}`, { defaultValue: d.field })}</th>
              <td><Marked text={d.left} only={d.leftOnly} field={d.field} /></td>
              <td><Marked text={d.right} only={d.rightOnly} field={d.field} /></td>
              <td>{t(`linkage.diff.${d.state}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
