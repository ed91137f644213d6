import i18n from '../i18n';

export function fmtNumber(n: number | null | undefined): string {
  if (n == null) return '—';
  return new Intl.NumberFormat(i18n.language === 'uk' ? 'uk-UA' : 'en-GB').format(n);
}

/** A total that may be the server's estimate: "≈ N", or "more than 1,000" when the estimate is only that bound. */
export function fmtCount(c: { n: number; estimated: boolean }): string {
  if (!c.estimated) return fmtNumber(c.n);
  return c.n <= 1001 ? i18n.t('common.moreThan', { n: fmtNumber(1000) }) : `≈ ${fmtNumber(c.n)}`;
}

export function fmtBytes(n: number | null | undefined): string {
  if (n == null) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A partial date shown as written (its precision is information). "A/B" is one uncertain date
 * somewhere between A and B; an open side reads "from A" or "by B".
 */
export function fmtPartial(text: string | null | undefined): string {
  if (!text) return '—';
  const [a, b] = text.split('/');
  if (b === undefined) return a;
  if (a && b) return i18n.t('date.between', { a, b });
  return a ? i18n.t('date.from', { a }) : i18n.t('date.by', { b });
}

export function fmtTimestamp(text: string | null | undefined): string {
  if (!text) return '—';
  // PostgreSQL writes "2026-11-25 03:18:45.55+00": make it ISO 8601.
  const d = new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  if (Number.isNaN(d.getTime())) return text;
  return new Intl.DateTimeFormat(i18n.language === 'uk' ? 'uk-UA' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** The language a piece of data is written in, for the lang attribute (so screen readers read it right). */
export function langOf(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  if (/[іїєґІЇЄҐ]/.test(text)) return 'uk';
  if (/[ыэъёЫЭЪЁ]/.test(text)) return 'ru';
  if (/[\u0400-\u04FF]/.test(text)) return 'uk';
  return undefined;
}
