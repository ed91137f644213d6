import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Dossier } from '../../api/types';
import { StatusBadge } from '../../components/Status';
import { fmtPartial, langOf } from '../../lib/format';

const SHOW = 25;

export function Detainees({ rows }: { rows: Dossier['detainees'] }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  if (!rows.length) return null;
  const shown = all ? rows : rows.slice(0, SHOW);
  return (
    <>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="sr-only">{t('dossier.detainees')}</caption>
          <thead><tr><th scope="col">{t('person.name')}</th><th scope="col">{t('person.status')}</th><th scope="col">{t('dossier.heldFrom')}</th><th scope="col">{t('dossier.heldTo')}</th></tr></thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.personId}>
                <td><Link to={`/persons/${p.personId}`} lang={langOf(p.displayName)}>{p.displayName}</Link></td>
                <td><StatusBadge status={p.status} /></td>
                <td>{fmtPartial(p.from)}</td>
                <td>{p.to ? fmtPartial(p.to) : t('person.endUnknown')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > SHOW && <button type="button" className="secondary" onClick={() => setAll(!all)}>{all ? t('common.showFewer') : t('common.showAll', { count: rows.length })}</button>}
    </>
  );
}
