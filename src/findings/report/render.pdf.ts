/**
 * PDF: the report's HTML printed by a headless Chromium (playwright-core), with the title and
 * "page X of Y" in the footer. The browser never touches the network: the HTML is self-contained
 * and every request is refused.
 */
import { escapeXml } from './charts.svg';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

export class PdfUnavailableError extends Error {}

export async function renderPdf(html: string, opts: { title: string; executablePath?: string }): Promise<Buffer> {
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new PdfUnavailableError('PDF output needs playwright-core; use --format html or md');
  }
  const executablePath = opts.executablePath ?? process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium';
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  } catch (error) {
    throw new PdfUnavailableError(`cannot start Chromium at ${executablePath} (set VIGIL_CHROMIUM): ${(error as Error).message.split('\n')[0]}`);
  }
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const footer = `<div style="font-family: sans-serif; font-size: 8px; color: #555; width: 100%; padding: 0 16mm; display: flex; justify-content: space-between;">
      <span>${escapeXml(opts.title)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
    const pdf = await page.pdf({
      format: 'A4', printBackground: true, displayHeaderFooter: true, headerTemplate: '<div></div>', footerTemplate: footer,
      margin: { top: '18mm', bottom: '20mm', left: '16mm', right: '16mm' }, tagged: true, outline: true,
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
