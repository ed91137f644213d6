/**
 * Small dense linear algebra for the log-linear fits: row-major Float64Array matrices,
 * Cholesky factorisation with a singularity check, SPD solve and inverse, and a rank test.
 */

/** In-place Cholesky (lower triangle) of a p×p SPD matrix; false when not positive definite. */
export function choleskyInPlace(a: Float64Array, p: number, relTol = 1e-12): boolean {
  let maxDiag = 0;
  for (let i = 0; i < p; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * p + i]));
  const floor = relTol * (maxDiag > 0 ? maxDiag : 1);
  for (let j = 0; j < p; j++) {
    let diag = a[j * p + j];
    for (let k = 0; k < j; k++) diag -= a[j * p + k] * a[j * p + k];
    if (!(diag > floor)) return false;
    const ljj = Math.sqrt(diag);
    a[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= a[i * p + k] * a[j * p + k];
      a[i * p + j] = s / ljj;
    }
  }
  return true;
}

/** Solve L Lᵀ x = b given the Cholesky factor (lower triangle of `l`). */
export function choleskySolve(l: Float64Array, p: number, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * y[k];
    y[i] = s / l[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * x[k];
    x[i] = s / l[i * p + i];
  }
  return x;
}

/** Inverse from a Cholesky factor (full symmetric p×p result). */
export function choleskyInverse(l: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(l, p, e);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i];
  }
  return inv;
}

/** Numerical column rank of an r×c matrix (Householder-free: modified Gram–Schmidt with a relative tolerance). */
export function columnRank(x: readonly (readonly number[])[], tol = 1e-9): number {
  const rows = x.length;
  const cols = rows > 0 ? x[0].length : 0;
  const basis: Float64Array[] = [];
  for (let j = 0; j < cols; j++) {
    const v = new Float64Array(rows);
    for (let i = 0; i < rows; i++) v[i] = x[i][j];
    const norm0 = Math.hypot(...v);
    if (norm0 === 0) continue;
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        let dot = 0;
        for (let i = 0; i < rows; i++) dot += q[i] * v[i];
        for (let i = 0; i < rows; i++) v[i] -= dot * q[i];
      }
    }
    const norm = Math.hypot(...v);
    if (norm > tol * norm0) {
      for (let i = 0; i < rows; i++) v[i] /= norm;
      basis.push(v);
    }
  }
  return basis.length;
}
