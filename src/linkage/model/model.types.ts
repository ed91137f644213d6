/** The trained model: everything needed to score new pairs without retraining. Plain JSON. */
import type { ComparisonSpec } from '../compare/comparison.types';
import type { BlockingRule } from '../block/blocking-rules';

export interface TrainedModel {
  version: 1;
  comparisons: ComparisonSpec[];
  /** Level labels per comparison (levels 1…L). */
  levels: string[][];
  /** m[c][l] = P(level | match), u[c][l] = P(level | non-match), levels 1…L (missing excluded). */
  m: number[][];
  u: number[][];
  /** u from random record pairs. */
  uRandom: number[][];
  /** Prior probability that a pair is a match: over all record pairs ('sessions') or over candidate pairs ('candidates'). */
  lambda: number;
  blockingRules: BlockingRule[];
  mode: 'dedupe' | 'link';
  maxBlockSize: number;
  /** Term-frequency adjustments are clamped to ±tfClamp bits. */
  tfClamp: number;
  trainedOnPairs: number;
  training: {
    /** 'sessions': EM per blocking rule with u fixed from random pairs (default); 'candidates': one EM over all candidate pairs, m and u free. */
    method: 'sessions' | 'candidates';
    sessions: { rule: string; pairs: number; lambda: number; iterations: number; converged: boolean; estimated: string[] }[];
    /** Comparisons whose m no session could estimate. */
    fallback: string[];
    iterations?: number;
    converged?: boolean;
  };
}

export interface ExplanationTerm {
  comparison: string;
  /** Level label, or null when a side is missing (weight 0). */
  level: string | null;
  m?: number;
  u?: number;
  /** log2(m/u). */
  weight: number;
  /** Term-frequency adjustment in bits (0 when not applicable). */
  tfAdjustment: number;
}

export interface PairExplanation {
  recordA: string;
  recordB: string;
  /** log2 prior odds λ/(1−λ). */
  prior: number;
  terms: ExplanationTerm[];
  /** prior + Σ weights + Σ tf adjustments (log2 Bayes factor incl. prior). */
  total: number;
  probability: number;
}

export const probabilityOfWeight = (w: number) => { const o = Math.pow(2, w); return o / (1 + o); };
export const weightOfProbability = (p: number) => Math.log2(p / (1 - p));
