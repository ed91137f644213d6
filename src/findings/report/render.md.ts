/** Markdown rendering (GitHub flavour): footnotes as [^n], charts as inline SVG data images. */
import type { Block, ReportDoc, Run } from './report.model';

const mdEscape = (s: string): string => s.replace(/([\\`*_[\]<>|#])/g, '\\$1');

function runs(rs: Run[]): string {
  return rs.map((r) => (r.t === 'text' ? mdEscape(r.text) : `${mdEscape(r.text)}[^${r.note}]`)).join('');
}

function block(b: Block): string {
  switch (b.type) {
    case 'para':
      return runs(b.runs);
    case 'subheading':
      return `### ${mdEscape(b.text)}`;
    case 'list':
      return b.items.map((i, k) => `${b.ordered ? `${k + 1}.` : '-'} ${runs(i)}`).join('\n');
    case 'chart':
      return `![${mdEscape(b.caption)}](data:image/svg+xml;base64,${Buffer.from(b.svg, 'utf8').toString('base64')})`;
    case 'table': {
      const head = `| ${b.header.map(mdEscape).join(' | ')} |`;
      const rule = `|${b.align.map((a) => (a === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
      const rows = b.rows.map((r) => `| ${r.cells.map((c, i) => mdEscape(c) + (i === r.cells.length - 1 && r.note !== undefined ? `[^${r.note}]` : '')).join(' | ')} |`);
      return [`*${mdEscape(b.caption)}*`, '', head, rule, ...rows].join('\n');
    }
  }
}

export function renderMarkdown(doc: ReportDoc): string {
  const out: string[] = [];
  for (const b of doc.banners) out.push(`> **${mdEscape(b)}**`, '');
  out.push(`# ${mdEscape(doc.title)}`, '', `*${mdEscape(doc.subtitle)}*`, '');
  for (const m of doc.meta) out.push(`- ${mdEscape(m)}`);
  out.push('');
  for (const s of doc.sections) {
    out.push(`## ${mdEscape(s.heading)}`, '');
    for (const b of s.blocks) out.push(block(b), '');
  }
  if (doc.notes.length) {
    out.push('## Notes', '');
    for (const n of doc.notes) out.push(`[^${n.n}]: ${mdEscape(n.text)}`);
    out.push('');
  }
  return out.join('\n');
}
