import { geoMercator, geoPath } from 'd3-geo';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Facility } from '../../api/types';
import { loadBasemap, type Basemap } from './basemap';
import { clusterPoints } from './cluster';

const W = 800;

export interface MapProps { facilities: Facility[]; height?: number; compact?: boolean; highlightId?: string; label: string }

/** Facilities on the offline basemap: points cluster when they crowd; a cluster zooms in, a point opens its dossier. */
export default function FacilityMap({ facilities, height = 520, compact = false, highlightId, label }: MapProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [base, setBase] = useState<Basemap | null>(null);
  const [failed, setFailed] = useState(false);
  const [view, setView] = useState({ k: 1, tx: 0, ty: 0 });
  const drag = useRef<{ x: number; y: number; tx: number; ty: number; moved: boolean } | null>(null);
  const H = height;
  useEffect(() => { loadBasemap().then(setBase, () => setFailed(true)); }, []);

  const located = useMemo(() => facilities.filter((f) => f.lat != null && f.lon != null), [facilities]);
  const projection = useMemo(() => {
    const pts = located.map((f) => [f.lon!, f.lat!] as [number, number]);
    const p = geoMercator();
    if (pts.length) {
      const lon = pts.map((q) => q[0]), lat = pts.map((q) => q[1]);
      const padDeg = compact ? 3 : 2;
      const box = { type: 'MultiPoint' as const, coordinates: [[Math.min(...lon) - padDeg, Math.min(...lat) - padDeg], [Math.max(...lon) + padDeg, Math.max(...lat) + padDeg]] };
      p.fitExtent([[20, 20], [W - 20, H - 20]], box);
    } else p.fitExtent([[0, 0], [W, H]], { type: 'Sphere' });
    return p;
  }, [located, H, compact]);
  const path = useMemo(() => geoPath(projection), [projection]);

  const clusters = useMemo(() => {
    const pts = located.map((f) => { const [x, y] = projection([f.lon!, f.lat!])!; return { x: x * view.k + view.tx, y: y * view.k + view.ty, item: f }; });
    return clusterPoints(pts, compact ? 0 : 22);
  }, [located, projection, view, compact]);

  const zoomAt = (factor: number, cx = W / 2, cy = H / 2) =>
    setView((v) => { const k = Math.min(40, Math.max(1, v.k * factor)); const f = k / v.k; return { k, tx: cx - (cx - v.tx) * f, ty: cy - (cy - v.ty) * f }; });
  const pan = (dx: number, dy: number) => setView((v) => ({ ...v, tx: v.tx + dx, ty: v.ty + dy }));
  const onKey = (e: KeyboardEvent) => {
    const map: Record<string, () => void> = { '+': () => zoomAt(1.5), '=': () => zoomAt(1.5), '-': () => zoomAt(1 / 1.5), ArrowLeft: () => pan(60, 0), ArrowRight: () => pan(-60, 0), ArrowUp: () => pan(0, 60), ArrowDown: () => pan(0, -60), '0': () => setView({ k: 1, tx: 0, ty: 0 }) };
    if (e.target === e.currentTarget && map[e.key]) { e.preventDefault(); map[e.key](); }
  };
  const svgPoint = (e: { clientX: number; clientY: number; currentTarget: Element }) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * W, y: ((e.clientY - r.top) / r.height) * H };
  };
  const onWheel = (e: WheelEvent<SVGSVGElement>) => { if (compact) return; const p = svgPoint(e); zoomAt(e.deltaY < 0 ? 1.25 : 0.8, p.x, p.y); };
  const onDown = (e: PointerEvent<SVGSVGElement>) => { if (!compact) drag.current = { ...svgPoint(e), tx: view.tx, ty: view.ty, moved: false }; };
  const onMove = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current; if (!d) return;
    const p = svgPoint(e);
    if (Math.abs(p.x - d.x) + Math.abs(p.y - d.y) > 4) d.moved = true;
    if (d.moved) setView((v) => ({ ...v, tx: d.tx + p.x - d.x, ty: d.ty + p.y - d.y }));
  };
  const onUp = () => { setTimeout(() => { drag.current = null; }, 0); };
  const open = (f: Facility) => { if (!drag.current?.moved) navigate(`/facilities/${f.id}`); };

  const g = `translate(${view.tx} ${view.ty}) scale(${view.k})`;
  return (
    <div className={compact ? 'fmap compact' : 'fmap'}>
      {!compact && (
        <div className="map-controls" role="toolbar" aria-label={t('map.controls')}>
          <button type="button" onClick={() => zoomAt(1.5)} aria-label={t('map.zoomIn')}>+</button>
          <button type="button" onClick={() => zoomAt(1 / 1.5)} aria-label={t('map.zoomOut')}>−</button>
          <button type="button" onClick={() => setView({ k: 1, tx: 0, ty: 0 })}>{t('map.reset')}</button>
        </div>
      )}
      <svg viewBox={`0 0 ${W} ${H}`} className="map-svg" role="group" aria-label={label} tabIndex={compact ? undefined : 0} aria-describedby={compact ? undefined : 'map-help'}
        onKeyDown={compact ? undefined : onKey} onWheel={onWheel} onPointerDown={onDown} onPointerMove={onMove} onPointerUp={onUp} onPointerLeave={onUp}>
        <rect width={W} height={H} className="map-sea" />
        {base && (
          <g transform={g}>
            <path d={path(base.land) ?? ''} className="map-land" />
            <path d={path(base.borders) ?? ''} className="map-border" vectorEffect="non-scaling-stroke" />
          </g>
        )}
        {clusters.map((c) => c.items.length > 1 ? (
          <a key={`c-${c.items[0].id}`} href="#" role="button" aria-label={t('map.cluster', { count: c.items.length })}
            onClick={(e) => { e.preventDefault(); if (!drag.current?.moved) zoomAt(2.5, c.x, c.y); }}>
            <circle cx={c.x} cy={c.y} r={12 + Math.min(10, c.items.length)} className="map-cluster" />
            <text x={c.x} y={c.y + 4} textAnchor="middle" className="map-cluster-text">{c.items.length}</text>
          </a>
        ) : (
          <a key={c.items[0].id} href={`/facilities/${c.items[0].id}`} aria-label={c.items[0].name} onClick={(e) => { e.preventDefault(); open(c.items[0]); }}>
            <circle cx={c.x} cy={c.y} r={c.items[0].id === highlightId ? 9 : 7} className={c.items[0].id === highlightId ? 'map-point highlight' : 'map-point'}>
              <title>{`${c.items[0].name}${c.items[0].detainees != null ? ` · ${t('map.detainees', { count: c.items[0].detainees })}` : ''}`}</title>
            </circle>
          </a>
        ))}
      </svg>
      {!compact && <p id="map-help" className="muted small">{failed ? t('map.basemapFailed') : t('map.help')}</p>}
    </div>
  );
}
