/**
 * The document model shared by every report format. Body text is made of runs: plain text (never
 * holding a computed number) and figures, each followed by the number of its note. A note names the
 * finding (id and version) or the computation the figure comes from.
 */

export type Run = { t: 'text'; text: string } | { t: 'fig'; text: string; note: number };

export type Block =
  | { type: 'para'; runs: Run[] }
  | { type: 'table'; caption: string; header: string[]; rows: { cells: string[]; note?: number }[]; align: ('left' | 'right')[] }
  | { type: 'chart'; svg: string; caption: string }
  | { type: 'list'; ordered: boolean; items: Run[][] }
  | { type: 'subheading'; text: string };

/**
 * Roles of sections: `highlights` and `body` hold the traced figures (every number is a figure with a
 * note); `profile` describes a place in words and names (no computed numbers); `methods`, `sources`,
 * `appendix` explain; `recommendations` is staff's own text.
 */
export type SectionRole = 'highlights' | 'body' | 'profile' | 'recommendations' | 'methods' | 'sources' | 'appendix';

export interface Section { heading: string; role: SectionRole; blocks: Block[] }

export interface Note { n: number; text: string }

export interface ReportDoc {
  kind: 'briefing' | 'facility';
  audience: 'public' | 'internal';
  title: string;
  subtitle: string;
  /** shown prominently: demo data, internal use */
  banners: string[];
  /** generated at, data version, log size */
  meta: string[];
  sections: Section[];
  notes: Note[];
  /** problems the author should know about (not printed) */
  warnings: string[];
}

export const text = (t: string): Run => ({ t: 'text', text: t });
export const fig = (t: string, note: number): Run => ({ t: 'fig', text: t, note });
export const para = (...runs: Run[]): Block => ({ type: 'para', runs });

/** Notes numbered in order of first use; the same key reuses its number. */
export class NoteBook {
  private readonly byKey = new Map<string, number>();
  readonly notes: Note[] = [];
  note(key: string, textOf: () => string): number {
    const existing = this.byKey.get(key);
    if (existing !== undefined) return existing;
    const n = this.notes.length + 1;
    this.byKey.set(key, n);
    this.notes.push({ n, text: textOf() });
    return n;
  }
}
