/** Field-by-field comparison of two records; words present on one side only are marked. */
export type FieldState = 'same' | 'differs' | 'one-sided' | 'empty';
export interface FieldDiff { field: string; left: string | null; right: string | null; state: FieldState; leftOnly: Set<string>; rightOnly: Set<string> }

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
const words = (s: string | null) => new Set((s ? norm(s) : '').split(/[\s,.;/-]+/).filter(Boolean));

export function diffRecords(left: Record<string, string | null>, right: Record<string, string | null>, order: string[] = []): FieldDiff[] {
  const keys = [...new Set([...order, ...Object.keys(left), ...Object.keys(right)])].filter((k) => k in left || k in right);
  return keys.map((field) => {
    const l = left[field] ?? null, r = right[field] ?? null;
    const state: FieldState = !l && !r ? 'empty' : !l || !r ? 'one-sided' : norm(l) === norm(r) ? 'same' : 'differs';
    const lw = words(l), rw = words(r);
    return { field, left: l, right: r, state, leftOnly: new Set([...lw].filter((w) => !rw.has(w))), rightOnly: new Set([...rw].filter((w) => !lw.has(w))) };
  }).filter((d) => d.state !== 'empty');
}

/** Splits text into words and separators, marking the words in `only`. */
export function markWords(text: string, only: Set<string>): { text: string; marked: boolean }[] {
  return text.split(/([\s,.;/-]+)/).filter((p) => p !== '').map((p) => ({ text: p, marked: only.has(norm(p)) }));
}
