/** Assigns dense integer ids to strings (first seen = 0). */
export class Interner {
  private readonly map = new Map<string, number>();
  readonly values: string[] = [];

  id(s: string): number {
    let v = this.map.get(s);
    if (v === undefined) { v = this.values.length; this.map.set(s, v); this.values.push(s); }
    return v;
  }

  get(s: string): number | undefined {
    return this.map.get(s);
  }

  get size(): number {
    return this.values.length;
  }
}

/** Relative frequency of each id among the non-negative entries of `ids`, and the sum of squared frequencies. */
export function frequencies(ids: Int32Array, size: number): { freq: Float64Array; sumSq: number } {
  const count = new Float64Array(size);
  let n = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i] >= 0) { count[ids[i]]++; n++; }
  let sumSq = 0;
  if (n > 0) for (let k = 0; k < size; k++) { count[k] /= n; sumSq += count[k] * count[k]; }
  return { freq: count, sumSq };
}
