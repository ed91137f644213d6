import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { AllegationType, TimelineEvent } from '../../api/types';
import { fmtPartial } from '../../lib/format';
import { isExact } from '../../lib/partialDate';
import { buildModel, ticks, type Marker } from './timelineModel';

const W = 800, LEFT = 8, RIGHT = 8, ROW = 40, AXIS = 28;

/** Custody on a time axis: solid where the period is known, hatched where a date is uncertain, dashed when the end is unknown. */
export function Timeline({ events, types }: { events: TimelineEvent[]; types: Map<string, AllegationType> }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const m = buildModel(events);
  const x = (ms: number) => LEFT + ((ms - m.min) / (m.max - m.min)) * (W - LEFT - RIGHT);
  const rows = m.episodes.length + (m.status.length ? 1 : 0) + (m.allegations.length ? 1 : 0);
  const H = AXIS + Math.max(1, rows) * ROW + 8;
  const typeLabel = (code: string) => { const ty = types.get(code); return ty ? (i18n.language === 'uk' ? ty.labelUk : ty.labelEn) : code; };
  const markerRow = (markers: Marker[], row: number, label: string, cls: string) => {
    const y = AXIS + row * ROW;
    return (
      <g key={cls}>
        <text x={LEFT} y={y + 12} className="tl-label">{label}</text>
        {markers.map((mk, i) => {
          const a = x(mk.span.earliest), b = x(mk.span.latest + 86_400_000);
          const title = `${mk.event.kind === 'allegation' ? typeLabel(mk.event.label) : t(`status.${mk.event.label}`, { defaultValue: mk.event.label })}: ${fmtPartial(mk.event.from)} (${mk.event.sourceTitle})`;
          return isExact(mk.span) || b - a < 6
            ? <circle key={i} cx={(a + b) / 2} cy={y + 25} r={5} className={`tl-point ${cls}`}><title>{title}</title></circle>
            : <rect key={i} x={a} y={y + 20} width={b - a} height={10} rx={3} className={`tl-range ${cls}`}><title>{title}</title></rect>;
        })}
      </g>
    );
  };
  let row = 0;
  return (
    <figure className="timeline">
      <svg viewBox={`0 0 ${W} ${H}`} className="timeline-svg" role="group" aria-label={t('person.timelineAria', { count: events.length })}>
        <defs>
          <pattern id="tl-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
            <rect width="6" height="6" className="tl-hatch-bg" />
            <line x1="0" y1="0" x2="0" y2="6" className="tl-hatch-line" />
          </pattern>
        </defs>
        {ticks(m.min, m.max).map((tk) => (
          <g key={tk.at}>
            <line x1={x(tk.at)} x2={x(tk.at)} y1={AXIS - 6} y2={H} className={tk.major ? 'tl-grid major' : 'tl-grid'} />
            <text x={x(tk.at) + 3} y={AXIS - 10} className="tl-tick">{tk.label}</text>
          </g>
        ))}
        {m.episodes.map((ep) => {
          const y = AXIS + row++ * ROW;
          const s0 = ep.start ? x(ep.start.earliest) : null, s1 = ep.start ? x(ep.start.latest + 86_400_000) : null;
          const e0 = ep.end ? x(ep.end.earliest) : null, e1 = ep.end ? x(ep.end.latest + 86_400_000) : null;
          const solidFrom = s1 ?? e0!, solidTo = e0 ?? s1!;
          const go = () => ep.event.facilityId && navigate(`/facilities/${ep.event.facilityId}`);
          return (
            <g key={ep.event.refId} className="tl-episode" tabIndex={0} role="link" aria-label={`${ep.event.label}: ${fmtPartial(ep.event.from)} – ${fmtPartial(ep.event.to)}`}
              onClick={go} onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(); } }}>
              <text x={LEFT} y={y + 12} className="tl-label">{ep.event.label}</text>
              {s0 !== null && <rect x={s0} y={y + 18} width={Math.max(1, s1! - s0)} height={14} className="tl-uncertain" />}
              {ep.end && solidTo > solidFrom && <rect x={solidFrom} y={y + 18} width={solidTo - solidFrom} height={14} className="tl-known" />}
              {e0 !== null && <rect x={e0} y={y + 18} width={Math.max(1, e1! - e0)} height={14} className="tl-uncertain" />}
              {!ep.end && s1 !== null && <line x1={s1} x2={W - RIGHT} y1={y + 25} y2={y + 25} className="tl-open" />}
              <title>{`${ep.event.label} · ${fmtPartial(ep.event.from)} – ${ep.event.to ? fmtPartial(ep.event.to) : t('person.endUnknown')} · ${ep.event.sourceTitle}`}</title>
            </g>
          );
        })}
        {m.status.length > 0 && markerRow(m.status, row++, t('person.statusRow'), 'tl-status')}
        {m.allegations.length > 0 && markerRow(m.allegations, row++, t('person.allegationsRow'), 'tl-allegation')}
      </svg>
      <figcaption className="tl-legend">
        <span><svg width="18" height="10" aria-hidden="true"><rect width="18" height="10" className="tl-known" /></svg> {t('person.legendKnown')}</span>
        <span><svg width="18" height="10" aria-hidden="true"><rect width="18" height="10" className="tl-uncertain" /></svg> {t('person.legendUncertain')}</span>
        <span><svg width="18" height="10" aria-hidden="true"><line x1="0" x2="18" y1="5" y2="5" className="tl-open" /></svg> {t('person.legendOpen')}</span>
        <span><svg width="10" height="10" aria-hidden="true"><circle cx="5" cy="5" r="4" className="tl-point tl-allegation" /></svg> {t('person.legendAllegation')}</span>
      </figcaption>
    </figure>
  );
}
