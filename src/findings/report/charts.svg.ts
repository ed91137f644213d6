/**
 * Small self-contained SVG charts for reports: presentation attributes only (no style attributes,
 * no scripts, no links), so they pass a strict Content-Security-Policy and print as vectors.
 */

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

function clip(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

export interface BarItem { label: string; value: number; lower?: number; upper?: number }

/** Horizontal bars (optionally with interval whiskers), one row per item. */
export function barChart(opts: { title: string; items: BarItem[]; format: (v: number) => string; max?: number; width?: number }): string {
  const width = opts.width ?? 640;
  const rowH = 22, top = 34, left = 230, right = 70;
  const items = opts.items.slice(0, 30);
  const height = top + items.length * rowH + 16;
  const max = opts.max ?? Math.max(1e-9, ...items.map((i) => Math.max(i.value, i.upper ?? 0)));
  const plotW = width - left - right;
  const x = (v: number) => left + (Math.max(0, v) / max) * plotW;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11" role="img">`,
    `<title>${escapeXml(opts.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="8" y="18" font-weight="bold" font-size="12">${escapeXml(opts.title)}</text>`,
    `<line x1="${left}" y1="${top - 6}" x2="${left}" y2="${top + items.length * rowH}" stroke="#999"/>`,
  ];
  items.forEach((item, i) => {
    const y = top + i * rowH;
    out.push(`<text x="${left - 6}" y="${y + 14}" text-anchor="end" fill="#222">${escapeXml(clip(item.label, 34))}</text>`);
    out.push(`<rect x="${left}" y="${y + 4}" width="${(x(item.value) - left).toFixed(1)}" height="${rowH - 8}" fill="#1f4e79"/>`);
    if (item.lower !== undefined && item.upper !== undefined) {
      const cy = y + rowH / 2;
      out.push(`<line x1="${x(item.lower).toFixed(1)}" y1="${cy}" x2="${x(item.upper).toFixed(1)}" y2="${cy}" stroke="#b00020" stroke-width="1.5"/>`);
      for (const v of [item.lower, item.upper]) out.push(`<line x1="${x(v).toFixed(1)}" y1="${cy - 4}" x2="${x(v).toFixed(1)}" y2="${cy + 4}" stroke="#b00020" stroke-width="1.5"/>`);
    }
    out.push(`<text x="${(Math.max(x(item.value), x(item.upper ?? 0)) + 4).toFixed(1)}" y="${y + 14}" fill="#222">${escapeXml(opts.format(item.value))}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}

/** Vertical columns over periods (quarters, years). */
export function columnChart(opts: { title: string; items: { label: string; value: number }[]; width?: number }): string {
  const width = opts.width ?? 640;
  const top = 34, bottom = 40, left = 40, right = 12, plotH = 160;
  const items = opts.items.slice(-40);
  const height = top + plotH + bottom;
  const max = Math.max(1, ...items.map((i) => i.value));
  const slot = (width - left - right) / Math.max(1, items.length);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="10" role="img">`,
    `<title>${escapeXml(opts.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="8" y="18" font-weight="bold" font-size="12">${escapeXml(opts.title)}</text>`,
    `<line x1="${left}" y1="${top + plotH}" x2="${width - right}" y2="${top + plotH}" stroke="#999"/>`,
    `<text x="${left - 4}" y="${top + 8}" text-anchor="end" fill="#444">${max}</text>`,
    `<text x="${left - 4}" y="${top + plotH}" text-anchor="end" fill="#444">0</text>`,
  ];
  const every = Math.max(1, Math.ceil(items.length / 12));
  items.forEach((item, i) => {
    const h = (item.value / max) * plotH;
    const x0 = left + i * slot + slot * 0.15;
    out.push(`<rect x="${x0.toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="#1f4e79"><title>${escapeXml(`${item.label}: ${item.value}`)}</title></rect>`);
    if (i % every === 0) {
      out.push(`<text x="${(x0 + slot * 0.35).toFixed(1)}" y="${top + plotH + 14}" text-anchor="middle" fill="#444">${escapeXml(item.label)}</text>`);
    }
  });
  out.push('</svg>');
  return out.join('\n');
}
