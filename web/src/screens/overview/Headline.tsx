import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtNumber } from '../../lib/format';
import type { Headline as H } from './data';

/** Key figures; the last three arrive with the sections below them (shown as … until then). */
export function Headline({ h, allegations, facilities, sources }: { h: H; allegations?: number; facilities?: number; sources?: number }) {
  const { t } = useTranslation();
  const cards: { key: string; value: number | undefined; to?: string; tone?: string }[] = [
    { key: 'persons', value: h.persons, to: '/persons' },
    { key: 'inCustody', value: h.inCustody, tone: 'custody' },
    { key: 'released', value: h.released, to: '/persons?status=released', tone: 'released' },
    { key: 'diedOrExecuted', value: h.diedOrExecuted, tone: 'death' },
    { key: 'missing', value: h.missing, to: '/persons?status=missing' },
    { key: 'allegations', value: allegations },
    { key: 'facilities', value: facilities, to: '/map' },
    { key: 'sources', value: sources },
  ];
  return (
    <ul className="stat-cards" data-testid="headline">
      {cards.map((c) => (
        <li key={c.key} className={`stat-card ${c.tone ? `tone-${c.tone}` : ''}`}>
          <span className="stat-value">{c.value === undefined ? '…' : fmtNumber(c.value)}</span>
          <span className="stat-label">{c.to ? <Link to={c.to}>{t(`overview.stat.${c.key}`)}</Link> : t(`overview.stat.${c.key}`)}</span>
        </li>
      ))}
    </ul>
  );
}
