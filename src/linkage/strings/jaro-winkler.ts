/** Jaro and Jaro–Winkler similarity on strings (UTF-16 code units), allocation-free after warm-up. */

let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

function ensure(n: number) {
  if (flagsA.length < n) { flagsA = new Uint8Array(n * 2); flagsB = new Uint8Array(n * 2); }
}

/** Jaro similarity in [0, 1]; 1 for two empty strings. */
export function jaro(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  if (la === 0 && lb === 0) return 1;
  if (la === 0 || lb === 0) return 0;
  if (a === b) return 1;
  ensure(Math.max(la, lb));
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const c = a.charCodeAt(i);
    const lo = i > window ? i - window : 0;
    const hi = i + window + 1 < lb ? i + window + 1 : lb;
    for (let j = lo; j < hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) { flagsA[i] = 1; flagsB[j] = 1; matches++; break; }
    }
  }
  if (matches === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  const m = matches;
  return (m / la + m / lb + (m - t / 2) / m) / 3;
}

/** Jaro–Winkler: Jaro plus a bonus of `p` (0.1) per common prefix character (up to 4) when Jaro exceeds `boostThreshold` (0.7). */
export function jaroWinkler(a: string, b: string, p = 0.1, boostThreshold = 0.7): number {
  const j = jaro(a, b);
  if (j <= boostThreshold) return j;
  const n = Math.min(4, a.length, b.length);
  let l = 0;
  while (l < n && a.charCodeAt(l) === b.charCodeAt(l)) l++;
  return j + l * p * (1 - j);
}
