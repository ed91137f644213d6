/**
 * Expectation–maximisation for the Fellegi–Sunter mixture, on distinct comparison patterns with
 * counts. Level 0 (missing) is ignored for both classes. Both m and u are estimated (u may be fixed).
 */

export interface FsParams {
  /** m[c][l]: P(level l+1 of comparison c | match, not missing). */
  m: number[][];
  u: number[][];
  /** Share of matches among the pairs the model was trained on. */
  lambda: number;
}

export interface EmOptions {
  maxIterations?: number;
  tolerance?: number;
  /** Keep u at its initial value (e.g. estimated from random pairs). */
  fixU?: boolean;
  /** Pseudo-count added to every level to keep probabilities off zero. */
  smoothing?: number;
}

export interface EmResult extends FsParams { iterations: number; converged: boolean; logLikelihood: number }

/**
 * @param gammas pattern × comparison levels (row-major, P × C)
 * @param counts number of pairs with each pattern
 */
export function expectationMaximisation(gammas: Uint8Array, counts: Float64Array, patterns: number, levelCounts: readonly number[], init: FsParams, opts: EmOptions = {}): EmResult {
  const C = levelCounts.length;
  const maxIt = opts.maxIterations ?? 200;
  const tol = opts.tolerance ?? 1e-6;
  const smooth = opts.smoothing ?? 1e-3;
  let m = init.m.map((r) => r.slice());
  let u = init.u.map((r) => r.slice());
  let lambda = init.lambda;
  const g = new Float64Array(patterns);
  let converged = false;
  let it = 0;
  let ll = 0;
  for (; it < maxIt; it++) {
    // E-step
    ll = 0;
    for (let p = 0; p < patterns; p++) {
      let pm = lambda, pu = 1 - lambda;
      const row = p * C;
      for (let c = 0; c < C; c++) {
        const l = gammas[row + c];
        if (l === 0) continue;
        pm *= m[c][l - 1];
        pu *= u[c][l - 1];
      }
      const tot = pm + pu;
      g[p] = tot > 0 ? pm / tot : 0;
      if (tot > 0) ll += counts[p] * Math.log(tot);
    }
    // M-step
    const mNew = levelCounts.map((L) => new Array<number>(L).fill(smooth));
    const uNew = levelCounts.map((L) => new Array<number>(L).fill(smooth));
    let sumG = 0, sumAll = 0;
    for (let p = 0; p < patterns; p++) {
      const w = counts[p];
      const gm = w * g[p], gu = w * (1 - g[p]);
      sumG += gm; sumAll += w;
      const row = p * C;
      for (let c = 0; c < C; c++) {
        const l = gammas[row + c];
        if (l === 0) continue;
        mNew[c][l - 1] += gm;
        uNew[c][l - 1] += gu;
      }
    }
    const norm = (rows: number[][]) => rows.map((r) => { const s = r.reduce((a, b) => a + b, 0); return r.map((x) => x / s); });
    const m2 = norm(mNew);
    const u2 = opts.fixU ? u : norm(uNew);
    const lambda2 = Math.min(1 - 1e-9, Math.max(1e-9, sumG / sumAll));
    let delta = Math.abs(lambda2 - lambda);
    for (let c = 0; c < C; c++) for (let l = 0; l < levelCounts[c]; l++) {
      delta = Math.max(delta, Math.abs(m2[c][l] - m[c][l]), Math.abs(u2[c][l] - u[c][l]));
    }
    m = m2; u = u2; lambda = lambda2;
    if (delta < tol) { converged = true; it++; break; }
  }
  return { m, u, lambda, iterations: it, converged, logLikelihood: ll };
}

/** A neutral starting point: m puts most mass on the best level, decreasing; u as given or uniform. */
export function initialM(levelCounts: readonly number[]): number[][] {
  return levelCounts.map((L) => {
    const r = new Array<number>(L);
    r[0] = 0.8;
    const mid = L - 2;
    for (let l = 1; l < L - 1; l++) r[l] = 0.15 * Math.pow(0.5, l - 1) / (mid > 0 ? (2 - Math.pow(0.5, mid - 1)) : 1);
    r[L - 1] = 0.05;
    const s = r.reduce((a, b) => a + b, 0);
    return r.map((x) => x / s);
  });
}
