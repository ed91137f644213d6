/**
 * HTML article → main text and title with Readability on a linkedom document (navigation, footers,
 * scripts dropped). Charset from <meta charset> when the bytes are not UTF-8, else detected.
 */
import { Readability } from '@mozilla/readability';
import iconv from 'iconv-lite';
import { parseHTML } from 'linkedom';
import { decodeText } from './decode';

export interface ExtractedHtml {
  text: string;
  title: string | null;
  encoding: string;
  method: 'html-readability' | 'html-body';
  meta: Record<string, string>;
}

const BLOCK = new Set(['p', 'div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'table', 'tr', 'blockquote', 'pre', 'figure', 'figcaption', 'dl', 'dt', 'dd', 'hr', 'address']);
const DROP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'nav', 'form', 'button']);

interface DomNode { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<DomNode> }

/** Text of a DOM subtree with blank lines between blocks. */
export function domToText(node: DomNode): string {
  const out: string[] = [];
  const walk = (n: DomNode, pre: boolean) => {
    if (n.nodeType === 3) { out.push(pre ? n.textContent ?? '' : (n.textContent ?? '').replace(/\s+/g, ' ')); return; }
    if (n.nodeType !== 1 && n.nodeType !== 9 && n.nodeType !== 11) return;
    const tag = n.nodeName.toLowerCase();
    if (DROP.has(tag)) return;
    if (tag === 'br') { out.push('\n'); return; }
    const block = BLOCK.has(tag);
    if (block) out.push('\n\n');
    for (let i = 0; i < n.childNodes.length; i++) walk(n.childNodes[i], pre || tag === 'pre');
    if (block) out.push('\n\n');
  };
  walk(node, false);
  return out.join('').split('\n').map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim()).join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

function decodeHtml(bytes: Uint8Array): { html: string; encoding: string } {
  const declared = declaredCharset(bytes);
  const detected = decodeText(bytes);
  if (declared && declared !== 'utf-8' && declared !== 'utf8' && iconv.encodingExists(declared) && detected.encoding !== 'utf-8' && !detected.bom) {
    return { html: iconv.decode(Buffer.from(bytes), declared), encoding: declared };
  }
  return { html: detected.text, encoding: detected.encoding };
}

/** True when decoded text looks like an HTML document rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096).trimStart();
  if (/^(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(head)) return true;
  if (/^<\?xml[^>]*>\s*(<!doctype html|<html[\s>])/i.test(head)) return true;
  return /<(p|div|article|body|h1|table)[\s>]/i.test(head) && /<\/(p|div|article|body|h1|table)>/i.test(head);
}

export function extractHtml(bytes: Uint8Array): ExtractedHtml {
  const { html, encoding } = decodeHtml(bytes);
  const { document } = parseHTML(html);
  const meta: Record<string, string> = {};
  const metaContent = (sel: string) => document.querySelector(sel)?.getAttribute('content')?.trim();
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() ?? metaContent('meta[property="og:url"]');
  if (canonical) meta.canonicalUrl = canonical;
  const published = metaContent('meta[property="article:published_time"]') ?? metaContent('meta[name="date"]') ?? document.querySelector('time[datetime]')?.getAttribute('datetime')?.trim();
  if (published) meta.publishedTime = published;
  const lang = document.documentElement?.getAttribute('lang');
  if (lang) meta.lang = lang;
  const htmlTitle = (metaContent('meta[property="og:title"]') ?? document.querySelector('title')?.textContent ?? '').replace(/\s+/g, ' ').trim() || null;

  let article: ReturnType<Readability['parse']> = null;
  try {
    article = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
  } catch {
    article = null;
  }
  if (article && article.content) {
    const { document: inner } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
    const text = domToText(inner.body as unknown as DomNode);
    if (article.byline) meta.byline = article.byline.trim();
    if (article.siteName) meta.siteName = article.siteName.trim();
    if (article.publishedTime && !meta.publishedTime) meta.publishedTime = article.publishedTime;
    if (text.length > 0) return { text, title: article.title?.trim() || htmlTitle, encoding, method: 'html-readability', meta };
  }
  // Fallback: the body without page furniture.
  const { document: doc2 } = parseHTML(html);
  for (const el of [...doc2.querySelectorAll('script,style,noscript,nav,header,footer,aside,form,template,iframe')]) el.remove();
  const body = (doc2.body ?? doc2.documentElement) as unknown as DomNode | null;
  return { text: body ? domToText(body) : '', title: htmlTitle, encoding, method: 'html-body', meta };
}
