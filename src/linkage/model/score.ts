/** Match weights (log2 Bayes factors) per comparison level, term-frequency adjustments, explanations. */
import type { Comparator } from '../compare/comparison.types';
import { probabilityOfWeight, type PairExplanation, type TrainedModel } from './model.types';

/** A stored model that does not fit the current comparisons (trained by an older version): a full run must train it again. */
export class ModelMismatchError extends Error {
  override name = 'ModelMismatchError';
}

export class Scorer {
  readonly prior: number;
  /** w[c][l] for level l (0 = missing → 0). */
  readonly w: Float64Array[];
  /** Per comparison with TF: adjustment by value id, and flags of the adjusted levels (indexed by level). */
  readonly tfAdj: (Float32Array | null)[];
  readonly tfLevel: (Uint8Array | null)[];

  /**
   * @param tfOverride per comparison, frequencies to use instead of the comparator's own (record-level)
   *   ones, e.g. person-level frequencies after a first clustering (entity-frequencies.ts).
   */
  constructor(readonly model: TrainedModel, readonly comparators: readonly Comparator[], tfOverride?: readonly ({ freq: Float64Array; sumSq: number } | null)[]) {
    comparators.forEach((c, k) => {
      const l = model.levels[k];
      if (!l || l.length !== c.levels.length || l.some((x, i) => x !== c.levels[i])) throw new ModelMismatchError(`the model was trained with other levels for comparison "${c.name}" (${l?.join(', ')}; now ${c.levels.join(', ')}): train it again with a full linkage run`);
    });
    this.prior = Math.log2(model.lambda / (1 - model.lambda));
    this.w = comparators.map((c, k) => {
      const a = new Float64Array(c.levels.length + 1);
      for (let l = 1; l <= c.levels.length; l++) a[l] = Math.log2(model.m[k][l - 1] / model.u[k][l - 1]);
      return a;
    });
    const clamp = model.tfClamp;
    this.tfAdj = comparators.map((c, k) => {
      if (!c.tf) return null;
      const { freq, sumSq } = tfOverride?.[k] ?? c.tf;
      return Float32Array.from(freq, (f) => (f > 0 ? Math.max(-clamp, Math.min(clamp, Math.log2(sumSq / f))) : 0));
    });
    this.tfLevel = comparators.map((c) => (c.tf ? Uint8Array.from([0, ...c.tf.levels]) : null));
  }

  /** Weight without term frequencies for a level vector. */
  baseWeight(levels: ArrayLike<number>, offset = 0): number {
    let s = this.prior;
    for (let c = 0; c < this.w.length; c++) s += this.w[c][levels[offset + c]];
    return s;
  }

  /** Term-frequency adjustment for a pair given its levels. */
  tfAdjustment(i: number, levels: ArrayLike<number>, offset = 0): number {
    let s = 0;
    for (let c = 0; c < this.w.length; c++) {
      const adj = this.tfAdj[c];
      if (adj === null) continue;
      const l = levels[offset + c];
      if (this.tfLevel[c]![l] === 1) {
        const v = this.comparators[c].tf!.valueOf[i];
        if (v >= 0) s += adj[v];
      }
    }
    return s;
  }

  /** Full explanation of one pair (computes the levels afresh). */
  explain(i: number, j: number, idA: string, idB: string): PairExplanation {
    const terms = this.comparators.map((c, k) => {
      const l = c.compare(i, j);
      if (l === 0) return { comparison: c.name, level: null, weight: 0, tfAdjustment: 0 };
      let tfA = 0;
      if (this.tfLevel[k]?.[l] === 1) { const v = c.tf!.valueOf[i]; if (v >= 0) tfA = this.tfAdj[k]![v]; }
      return { comparison: c.name, level: c.levels[l - 1], m: this.model.m[k][l - 1], u: this.model.u[k][l - 1], weight: this.w[k][l], tfAdjustment: tfA };
    });
    const total = this.prior + terms.reduce((a, t) => a + t.weight + t.tfAdjustment, 0);
    return { recordA: idA, recordB: idB, prior: this.prior, terms, total, probability: probabilityOfWeight(total) };
  }
}
