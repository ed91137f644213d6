import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Count } from '../../api/registry';
import { fmtCount } from '../../lib/format';
import type { Headline as H } from './data';

/** Key figures; the last three arrive with the sections below them (shown as … until then). */
export function Headline({ h, allegations, facilities, sources }: { h: H; allegations?: number; facilities?: number; sources?: number }) {
  const { t } = useTranslation();
  const n = (v: number | undefined): Count | undefined => (v === undefined ? undefined : { n: v, estimated: false });
  const cards: { key: string; value: Count | undefined; to?: string; tone?: string }[] = [
    { key: 'persons', value: h.persons, to: '/persons' },
    { key: 'inCustody', value: h.inCustody, tone: 'custody' },
    { key: 'released', value: h.released, to: '/persons?status=released', tone: 'released' },
    { key: 'diedOrExecuted', value: h.diedOrExecuted, tone: 'death' },
    { key: 'missing', value: h.missing, to: '/persons?status=missing' },
    { key: 'allegations', value: n(allegations) },
    { key: 'facilities', value: n(facilities), to: '/map' },
    { key: 'sources', value: n(sources) },
  ];
  const anyEstimate = cards.some((c) => c.value?.estimated);
  return (
    <>
    <ul className="stat-cards" data-testid="headline">
      {cards.map((c) => (
        <li key={c.key} className={`stat-card ${c.tone ? `tone-${c.tone}` : ''}`}>
          <span className={c.value?.estimated ? 'stat-value estimate' : 'stat-value'}>{c.value === undefined ? '…' : fmtCount(c.value)}</span>
          <span className="stat-label">{c.to ? <Link to={c.to}>{t(`overview.stat.${c.key}`)}</Link> : t(`overview.stat.${c.key}`)}</span>
        </li>
      ))}
    </ul>
    {anyEstimate && <p className="small muted">{t('common.estimateNote')}</p>}
    </>
  );
}
