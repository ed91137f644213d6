import { useTranslation } from 'react-i18next';
import type { Facility } from '../../api/types';
import { fmtNumber, fmtPartial, langOf } from '../../lib/format';

export function FacilityFacts({ f, detainees, allegations }: { f: Facility; detainees: number; allegations: number }) {
  const { t } = useTranslation();
  return (
    <dl className="kv">
      <dt>{t('dossier.kind')}</dt><dd>{t(`facilityKind.${f.kind}`, { defaultValue: f.kind })}</dd>
      <dt>{t('dossier.where')}</dt><dd lang={langOf(f.settlement)}>{[f.settlement, f.region, f.country].filter(Boolean).join(', ') || '—'}</dd>
      <dt>{t('dossier.authority')}</dt><dd lang={langOf(f.authority)}>{f.authority ?? t('dossier.unknown')}</dd>
      <dt>{t('dossier.inUse')}</dt><dd>{fmtPartial(f.inUse)}</dd>
      <dt>{t('dossier.names')}</dt>
      <dd>
        <ul className="plain-list">
          <li lang={langOf(f.name)}>{f.name}</li>
          {f.aliases.map((a) => <li key={a.name} lang={langOf(a.name)}>{a.name} <span className="muted small">({t(`script.${a.script}`, { defaultValue: a.script })})</span></li>)}
        </ul>
      </dd>
      <dt>{t('dossier.counts')}</dt><dd>{t('dossier.countsText', { detainees: fmtNumber(detainees), allegations: fmtNumber(allegations) })}</dd>
      {f.notes && <><dt>{t('dossier.notes')}</dt><dd lang={langOf(f.notes)}>{f.notes}</dd></>}
    </dl>
  );
}
