import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Allegation } from '../../api/types';
import { fmtPartial, langOf } from '../../lib/format';

export function Allegations({ items, sourceTitle }: { items: Allegation[]; sourceTitle: (id: string) => string | undefined }) {
  const { t, i18n } = useTranslation();
  if (!items.length) return <p>{t('person.noAllegations')}</p>;
  return (
    <ul className="allegations">
      {items.map((a) => (
        <li key={a.id} className="card-inner">
          <p>
            <strong>{(i18n.language === 'uk' ? a.typeLabelUk : a.typeLabelEn) ?? a.typeCode}</strong>{' '}
            <span className="muted">{fmtPartial(a.when)}</span>{' '}
            <span className={`badge verif-${a.status}`}>{t(`verification.${a.status}`, { defaultValue: a.status })}</span>
          </p>
          {a.facilityId && <p><Link to={`/facilities/${a.facilityId}`} lang={langOf(a.facilityName)}>{a.facilityName}</Link></p>}
          {a.place && <p lang={langOf(a.place)}>{a.place}</p>}
          {a.narrative && <p className="narrative" lang={langOf(a.narrative)}>{a.narrative}</p>}
          {a.perpetrators.length > 0 && (
            <p>{t('allegation.perpetrators')}: {a.perpetrators.map((p, i) => <span key={i} lang={langOf(p.name)}>{i > 0 && ', '}{p.name} ({t(`perpetrator.${p.kind}`, { defaultValue: p.kind })})</span>)}</p>
          )}
          <p className="muted">{t('person.source')}: <span lang={langOf(sourceTitle(a.sourceId))}>{sourceTitle(a.sourceId) ?? a.sourceId}</span> · {t('allegation.credibility')} {a.credibility}</p>
        </li>
      ))}
    </ul>
  );
}
