/**
 * svgPlot: a small self-contained SVG chart (no scripts, no external fonts or links) of the
 * estimated total N with an interval for the top models of an MSE result. The chosen model is
 * drawn with the interval of the result (profile or Chao); the others with Chao's
 * log-transform interval from their N and s.e. Flagged models are listed as "no estimate".
 */
import { chaoLogInterval } from './chao.estimate';
import { formatCount } from './mse.sentence';
import type { MseResult } from './mse.run';

export interface SvgOptions {
  /** how many models to show, default 10 */
  top?: number;
  width?: number;
  title?: string;
  /** level of the result's interval, used for the other models' intervals too (default 0.95) */
  level?: number;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

function niceTicks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => span / s <= count) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) ticks.push(t);
  return ticks;
}

export function svgPlot(result: MseResult, options: SvgOptions = {}): string {
  const top = options.top ?? 10;
  const width = options.width ?? 640;
  const rowHeight = 22;
  const left = 150;
  const right = 30;
  const headerH = 40;
  const footerH = 56;
  const level = options.level ?? 0.95;
  const chosenFirst = [
    ...result.models.filter((m) => m.model === result.model),
    ...result.models.filter((m) => m.model !== result.model),
  ].slice(0, top);
  const rows = chosenFirst.map((m) => {
    const isChosen = m.model === result.model;
    let interval: [number | null, number | null] = [null, null];
    if (m.N !== null && m.se !== null) interval = isChosen ? result.ci : chaoLogInterval(result.n, m.N, m.se, level);
    return { ...m, isChosen, interval };
  });
  const values = rows.flatMap((r) => [r.N, r.interval[0], r.interval[1]]).filter((v): v is number => v !== null);
  const lo = Math.min(result.n, ...values);
  const hi = Math.max(result.n * 1.05, ...values);
  const height = headerH + rows.length * rowHeight + footerH;
  const plotW = width - left - right;
  const x = (v: number): number => left + ((v - lo) / (hi - lo || 1)) * plotW;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" role="img">`,
  );
  const title = options.title ?? `Estimated total population by model (${result.n} recorded)`;
  parts.push(`<title>${escapeXml(title)}</title>`);
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="10" y="18" font-weight="bold">${escapeXml(title)}</text>`);
  for (const t of niceTicks(lo, hi)) {
    const tx = x(t).toFixed(1);
    parts.push(`<line x1="${tx}" y1="${headerH - 8}" x2="${tx}" y2="${headerH + rows.length * rowHeight}" stroke="#e0e0e0"/>`);
    parts.push(`<text x="${tx}" y="${headerH + rows.length * rowHeight + 14}" text-anchor="middle" fill="#444">${formatCount(t)}</text>`);
  }
  const nx = x(result.n).toFixed(1);
  parts.push(`<line x1="${nx}" y1="${headerH - 8}" x2="${nx}" y2="${headerH + rows.length * rowHeight}" stroke="#888" stroke-dasharray="4 3"/>`);
  rows.forEach((r, i) => {
    const cy = headerH + i * rowHeight + rowHeight / 2;
    const colour = r.isChosen ? '#b00020' : '#1f4e79';
    const label = escapeXml(r.model) + (r.isChosen ? ' (chosen)' : '');
    parts.push(`<text x="${left - 8}" y="${cy + 4}" text-anchor="end"${r.isChosen ? ' font-weight="bold"' : ''}>${label}</text>`);
    if (r.N === null) {
      parts.push(`<text x="${left + 4}" y="${cy + 4}" fill="#666" font-style="italic">no estimate (flagged)</text>`);
      return;
    }
    const [a, b] = r.interval;
    if (a !== null) {
      const x2 = b === null ? left + plotW : x(b);
      parts.push(`<line x1="${x(a).toFixed(1)}" y1="${cy}" x2="${x2.toFixed(1)}" y2="${cy}" stroke="${colour}" stroke-width="2"/>`);
      if (b === null) parts.push(`<text x="${(x2 + 2).toFixed(1)}" y="${cy + 4}" fill="${colour}">→</text>`);
    }
    parts.push(`<circle cx="${x(r.N).toFixed(1)}" cy="${cy}" r="4" fill="${colour}"><title>${escapeXml(`${r.model}: N = ${formatCount(r.N)}`)}</title></circle>`);
  });
  const fy = headerH + rows.length * rowHeight + 34;
  const pct = `${Math.round(level * 1000) / 10}%`;
  parts.push(`<text x="10" y="${fy}" fill="#444">Dashed line: ${formatCount(result.n)} people recorded on at least one list.</text>`);
  parts.push(
    `<text x="10" y="${fy + 15}" fill="#444">Bars: ${pct} intervals (chosen model: as reported; others: Chao log-transform from N and s.e.).</text>`,
  );
  parts.push('</svg>');
  return parts.join('\n');
}
