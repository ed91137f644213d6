/**
 * HTML rendering: one self-contained file (inline SVG charts, CSS in one <style>, no scripts, no
 * external resources). When served, `reportCsp` allows exactly that style block by its hash.
 */
import { createHash } from 'node:crypto';
import { escapeXml } from './charts.svg';
import type { Block, ReportDoc, Run, Section } from './report.model';

const esc = escapeXml;

export const REPORT_CSS = `
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
html { font-family: "DejaVu Serif", Georgia, serif; font-size: 11pt; color: #111; background: #fff; }
body { max-width: 46em; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
header h1 { font-size: 1.7em; margin: 0.2em 0; }
.subtitle { font-size: 1.05em; color: #333; margin: 0 0 0.6em; }
.banner { border: 2px solid #b00020; color: #b00020; padding: 0.3em 0.6em; font-family: sans-serif; font-weight: bold; margin: 0.3em 0; }
.meta { font-family: sans-serif; font-size: 0.85em; color: #444; padding-left: 1.2em; }
h2 { font-size: 1.3em; border-bottom: 1px solid #ccc; margin-top: 1.6em; page-break-after: avoid; }
h3 { font-size: 1.08em; margin-bottom: 0.3em; page-break-after: avoid; }
section.highlights { background: #f4f6f9; padding: 0.2em 1em 0.6em; border-left: 4px solid #1f4e79; }
section.highlights li { margin: 0.35em 0; }
sup.fn { font-size: 0.7em; line-height: 0; }
sup.fn a { text-decoration: none; color: #1f4e79; }
table { border-collapse: collapse; margin: 0.6em 0 1em; font-size: 0.9em; }
tr { page-break-inside: avoid; }
thead { display: table-header-group; }
caption { text-align: left; font-style: italic; padding-bottom: 0.3em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.2em 0.6em; vertical-align: top; }
th { border-bottom: 1px solid #888; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure.chart { margin: 0.8em 0; page-break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.85em; color: #444; }
section.notes ol, section.methods, section.sources, section.appendix { font-size: 0.9em; }
section.notes li { margin: 0.3em 0; }
`.trim();

function marker(note: number): string {
  return `<sup class="fn"><a href="#note-${note}">${note}</a></sup>`;
}

function runs(rs: Run[]): string {
  return rs.map((r) => (r.t === 'text' ? esc(r.text) : `<span class="fig">${esc(r.text)}</span>${marker(r.note)}`)).join('');
}

function block(b: Block): string {
  switch (b.type) {
    case 'para':
      return `<p>${runs(b.runs)}</p>`;
    case 'subheading':
      return `<h3>${esc(b.text)}</h3>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((i) => `<li>${runs(i)}</li>`).join('')}</${tag}>`;
    }
    case 'chart':
      return `<figure class="chart">${b.svg}<figcaption>${esc(b.caption)}</figcaption></figure>`;
    case 'table': {
      const head = `<tr>${b.header.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr>`;
      const body = b.rows.map((r) => `<tr>${r.cells.map((c, i) => {
        const last = i === r.cells.length - 1 && r.note !== undefined ? marker(r.note) : '';
        return `<td${b.align[i] === 'right' ? ' class="num"' : ''}>${esc(c)}${last}</td>`;
      }).join('')}</tr>`).join('');
      return `<table><caption>${esc(b.caption)}</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
    }
  }
}

function section(s: Section, i: number): string {
  return `<section class="${s.role}" id="section-${i + 1}"><h2>${esc(s.heading)}</h2>${s.blocks.map(block).join('\n')}</section>`;
}

export function renderHtml(doc: ReportDoc): string {
  const notes = doc.notes.length
    ? `<section class="notes" id="notes"><h2>Notes</h2><ol>${doc.notes.map((n) => `<li id="note-${n.n}">${esc(n.text)}</li>`).join('\n')}</ol></section>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Vigil">
<meta name="vigil-report" content="${doc.kind}; audience=${doc.audience}">
<title>${esc(doc.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
${doc.banners.map((b) => `<p class="banner">${esc(b)}</p>`).join('\n')}
<h1>${esc(doc.title)}</h1>
<p class="subtitle">${esc(doc.subtitle)}</p>
<ul class="meta">${doc.meta.map((m) => `<li>${esc(m)}</li>`).join('')}</ul>
</header>
<main>
${doc.sections.map(section).join('\n')}
${notes}
</main>
</body>
</html>
`;
}

/** The Content-Security-Policy for serving a report: nothing but its own style block and inline images. */
export function reportCsp(html: string): string {
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  const hash = createHash('sha256').update(style, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}
