/** Growable columnar storage of candidate pairs: record a, record b, comparison pattern id. */
export class PairStore {
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  pat = new Int32Array(1024);
  length = 0;

  push(i: number, j: number, p: number): void {
    if (this.length === this.a.length) this.grow();
    const k = this.length++;
    this.a[k] = i; this.b[k] = j; this.pat[k] = p;
  }

  private grow(): void {
    const cap = this.a.length * 2;
    const g = (x: Int32Array) => { const y = new Int32Array(cap); y.set(x); return y; };
    this.a = g(this.a); this.b = g(this.b); this.pat = g(this.pat);
  }

  /** Shrinks the buffers to the used length. */
  trim(): void {
    this.a = this.a.slice(0, this.length); this.b = this.b.slice(0, this.length); this.pat = this.pat.slice(0, this.length);
  }
}

/**
 * Distinct comparison patterns (one level per comparison) with their counts. EM runs on the
 * patterns, not the pairs: a few thousand patterns stand for tens of millions of pairs.
 */
export class PatternTable {
  private readonly index = new Map<number, number>();
  gammas: Uint8Array;
  counts: Float64Array;
  size = 0;
  readonly radix: number[];

  constructor(readonly levelCounts: readonly number[]) {
    this.radix = [];
    let r = 1;
    for (const l of levelCounts) { this.radix.push(r); r *= l + 1; }
    if (r > 2 ** 52) throw new Error('too many comparison levels to code patterns');
    this.gammas = new Uint8Array(64 * levelCounts.length);
    this.counts = new Float64Array(64);
  }

  /** Dense id of the pattern given by `levels` (scratch array, one level per comparison); counts it once. */
  add(levels: Uint8Array, weight = 1): number {
    const c = this.levelCounts.length;
    let code = 0;
    for (let k = 0; k < c; k++) code += levels[k] * this.radix[k];
    let id = this.index.get(code);
    if (id === undefined) {
      id = this.size++;
      this.index.set(code, id);
      if (id >= this.counts.length) {
        const g = new Uint8Array(this.gammas.length * 2); g.set(this.gammas); this.gammas = g;
        const n = new Float64Array(this.counts.length * 2); n.set(this.counts); this.counts = n;
      }
      this.gammas.set(levels.subarray(0, c), id * c);
    }
    this.counts[id] += weight;
    return id;
  }

  level(pattern: number, comparison: number): number {
    return this.gammas[pattern * this.levelCounts.length + comparison];
  }
}
