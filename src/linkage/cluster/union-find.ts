/**
 * Union–find with cannot-link constraints and an optional cap on records per source in one set.
 * Constraint lists are merged small-to-large, so checks stay cheap while sets grow. Optionally a
 * conflict graph (record pairs whose own evidence says "different people", as compressed rows):
 * two sets do not merge while any of their records conflict.
 */
export class ConstrainedUnionFind {
  readonly parent: Int32Array;
  readonly size: Int32Array;
  /** Circular list of the members of each set. */
  private readonly next: Int32Array;
  private readonly cannot = new Map<number, number[]>();
  private readonly sources = new Map<number, Map<number, number>>();
  private conflicts?: { start: Int32Array; other: Int32Array };
  blockedByCannotLink = 0;
  blockedBySource = 0;
  blockedByConflict = 0;

  constructor(n: number, private readonly sourceOf?: Int32Array, private readonly maxPerSource = 0) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    this.next = new Int32Array(n);
    for (let i = 0; i < n; i++) { this.parent[i] = i; this.next[i] = i; }
  }

  /** Conflicting record pairs: the records other[start[i] … start[i+1]) conflict with record i. */
  setConflicts(start: Int32Array, other: Int32Array): void {
    this.conflicts = { start, other };
  }

  /** Whether a record of set ra conflicts with a record of set rb (walks the smaller set). */
  private conflicting(ra: number, rb: number): boolean {
    const { start, other } = this.conflicts!;
    const [small, big] = this.size[ra] <= this.size[rb] ? [ra, rb] : [rb, ra];
    let x = small;
    do {
      for (let k = start[x]; k < start[x + 1]; k++) if (this.find(other[k]) === big) return true;
      x = this.next[x];
    } while (x !== small);
    return false;
  }

  find(x: number): number {
    const p = this.parent;
    let r = x;
    while (p[r] !== r) r = p[r];
    while (p[x] !== r) { const nx = p[x]; p[x] = r; x = nx; }
    return r;
  }

  addCannotLink(a: number, b: number): void {
    const ra = this.find(a), rb = this.find(b);
    (this.cannot.get(ra) ?? this.cannot.set(ra, []).get(ra)!).push(b);
    (this.cannot.get(rb) ?? this.cannot.set(rb, []).get(rb)!).push(a);
  }

  private sourceCounts(r: number): Map<number, number> {
    let m = this.sources.get(r);
    if (!m) { m = new Map([[this.sourceOf![r], 1]]); this.sources.set(r, m); }
    return m;
  }

  /** Whether the sets of a and b may merge under the constraints. */
  canUnion(a: number, b: number): boolean {
    const ra = this.find(a), rb = this.find(b);
    if (ra === rb) return true;
    const la = this.cannot.get(ra), lb = this.cannot.get(rb);
    const [list, other] = (la?.length ?? 0) <= (lb?.length ?? 0) ? [la, rb] : [lb, ra];
    if (list) for (const p of list) if (this.find(p) === other) { this.blockedByCannotLink++; return false; }
    if (this.conflicts && this.conflicting(ra, rb)) { this.blockedByConflict++; return false; }
    if (this.maxPerSource > 0 && this.sourceOf) {
      const sa = this.sourceCounts(ra), sb = this.sourceCounts(rb);
      const [small, big] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
      for (const [s, c] of small) if ((big.get(s) ?? 0) + c > this.maxPerSource) { this.blockedBySource++; return false; }
    }
    return true;
  }

  /** Merges unconditionally (check `canUnion` first when constraints matter). Returns the new root. */
  union(a: number, b: number): number {
    let ra = this.find(a), rb = this.find(b);
    if (ra === rb) return ra;
    if (this.size[ra] < this.size[rb]) { const t = ra; ra = rb; rb = t; }
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb];
    const t = this.next[ra]; this.next[ra] = this.next[rb]; this.next[rb] = t;
    const lb = this.cannot.get(rb);
    if (lb) { const la = this.cannot.get(ra); if (la) for (const x of lb) la.push(x); else this.cannot.set(ra, lb); this.cannot.delete(rb); }
    if (this.maxPerSource > 0 && this.sourceOf) {
      const sa = this.sourceCounts(ra), sb = this.sourceCounts(rb);
      for (const [s, c] of sb) sa.set(s, (sa.get(s) ?? 0) + c);
      this.sources.delete(rb);
    }
    return ra;
  }
}

/** Compressed rows of the pairs with weight below `below` (both directions), for `setConflicts`. */
export function conflictRows(n: number, a: Int32Array, b: Int32Array, weight: Float32Array, count: number, below: number): { start: Int32Array; other: Int32Array } {
  const start = new Int32Array(n + 1);
  for (let k = 0; k < count; k++) if (weight[k] < below) { start[a[k] + 1]++; start[b[k] + 1]++; }
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const other = new Int32Array(start[n]);
  for (let k = 0; k < count; k++) if (weight[k] < below) { other[fill[a[k]]++] = b[k]; other[fill[b[k]]++] = a[k]; }
  return { start, other };
}
