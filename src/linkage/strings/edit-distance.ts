/** Levenshtein and Damerau (optimal string alignment) distances with reusable rows. */

let r0 = new Int32Array(64);
let r1 = new Int32Array(64);
let r2 = new Int32Array(64);

function ensure(n: number) {
  if (r0.length < n) { r0 = new Int32Array(n * 2); r1 = new Int32Array(n * 2); r2 = new Int32Array(n * 2); }
}

/** Levenshtein distance (insert, delete, substitute). */
export function levenshtein(a: string, b: string): number {
  return editDistance(a, b, false, Infinity);
}

/** Damerau–Levenshtein distance, optimal string alignment variant (adjacent transposition counts 1). */
export function damerau(a: string, b: string): number {
  return editDistance(a, b, true, Infinity);
}

/**
 * Edit distance with an optional cap: when the distance certainly exceeds `max`, returns `max + 1`
 * early (row minimum above the cap). `transpositions` selects Damerau (OSA).
 */
export function editDistance(a: string, b: string, transpositions: boolean, max: number): number {
  if (a === b) return 0;
  let la = a.length;
  let lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  if (la < lb) { const t = a; a = b; b = t; la = a.length; lb = b.length; }
  ensure(lb + 1);
  let prev2 = r2;
  let prev = r0;
  let cur = r1;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = prev[j - 1] + cost;
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      if (del < v) v = del;
      if (ins < v) v = ins;
      if (transpositions && i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        const tr = prev2[j - 2] + 1;
        if (tr < v) v = tr;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2; prev2 = prev; prev = cur; cur = t;
  }
  return prev[lb];
}

/** Similarity 1 − distance / max(length), in [0, 1]. */
export function levenshteinSimilarity(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  return n === 0 ? 1 : 1 - levenshtein(a, b) / n;
}
