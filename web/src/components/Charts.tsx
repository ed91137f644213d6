import { Link, useNavigate } from 'react-router-dom';
import { fmtNumber } from '../lib/format';

export interface Bar { key: string; label: string; value: number; href?: string; lang?: string }

/** Horizontal bars: HTML labels (they wrap and are read as text), SVG bars. */
export function BarList({ bars, caption, onSelect }: { bars: Bar[]; caption: string; onSelect?: (key: string) => void }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <figure className="bar-list">
      <figcaption>{caption}</figcaption>
      <ul>
        {bars.map((b) => (
          <li key={b.key}>
            <span className="bar-label" lang={b.lang}>
              {onSelect ? <button type="button" className="link-button" onClick={() => onSelect(b.key)}>{b.label}</button> : b.href ? <Link to={b.href}>{b.label}</Link> : b.label}
            </span>
            <svg className="bar-svg" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
              <rect x="0" y="1" height="8" width={(b.value / max) * 100} className="bar-fill" />
            </svg>
            <span className="bar-value">{fmtNumber(b.value)}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

export interface Column { label: string; value: number; href?: string }

/** Columns over time in SVG, with the numbers in a table for screen readers. */
export function ColumnChart({ columns, caption, unit }: { columns: Column[]; caption: string; unit: string }) {
  const navigate = useNavigate();
  const W = 640, H = 200, padL = 36, padB = 28, padT = 10;
  const max = Math.max(1, ...columns.map((c) => c.value));
  const n = Math.max(1, columns.length);
  const step = (W - padL) / n;
  const bw = Math.min(48, Math.max(2, step * 0.75));
  const y = (v: number) => H - padB - (v / max) * (H - padB - padT);
  const ticks = [0, Math.round(max / 2), max];
  return (
    <figure className="column-chart">
      <figcaption>{caption}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role={columns.some((c) => c.href) ? 'group' : 'img'} aria-label={caption} className="chart-svg">
        {ticks.map((tv) => (
          <g key={tv}>
            <line x1={padL} x2={W} y1={y(tv)} y2={y(tv)} className="grid-line" />
            <text x={padL - 6} y={y(tv) + 4} textAnchor="end" className="axis-text">{fmtNumber(tv)}</text>
          </g>
        ))}
        {columns.map((c, i) => {
          const bar = (
            <rect x={padL + i * step + (step - bw) / 2} y={y(c.value)} width={bw} height={Math.max(0, H - padB - y(c.value))} className="col-fill">
              <title>{`${c.label}: ${fmtNumber(c.value)} ${unit}`}</title>
            </rect>
          );
          return (
          <g key={c.label}>
            {c.href ? <a href={c.href} aria-label={`${c.label}: ${fmtNumber(c.value)} ${unit}`} onClick={(e) => { e.preventDefault(); navigate(c.href!); }}>{bar}</a> : bar}
            {(n <= 12 || c.label.endsWith('Q1') || i === 0) && (
              <text x={padL + i * step + step / 2} y={H - padB + 16} textAnchor="middle" className="axis-text">
                {n > 12 ? c.label.slice(0, 4) : c.label}
              </text>
            )}
          </g>
          );
        })}
      </svg>
      <table className="sr-only">
        <caption>{caption}</caption>
        <tbody>{columns.map((c) => <tr key={c.label}><th scope="row">{c.label}</th><td>{c.value}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}
