/** Options and results of the linkage engine. */
import type { BlockingRuleInput } from './block/blocking-rules';
import type { BlockingStats } from './block/candidates';
import type { ClusterGuard, ClusterStats } from './cluster/cluster';
import type { ComparisonSpec } from './compare/comparison.types';
import type { FieldIssue } from './encode/columns';
import type { PairExplanation, TrainedModel } from './model/model.types';

/** A reviewer's decision on a record pair; overrides the model (non-match = cannot-link, match = must-link). */
export interface ReviewDecision { a: string; b: string; decision: 'match' | 'non-match' }

export interface LinkOptions {
  comparisons?: readonly ComparisonSpec[];
  blockingRules?: readonly BlockingRuleInput[];
  /** 'dedupe' (default): all pairs; 'link': only pairs across different `source` values. */
  mode?: 'dedupe' | 'link';
  /** Blocks with more records are skipped for that rule (reported). Default 1000. */
  maxBlockSize?: number;
  /** Pairs with match probability ≥ threshold link (default 0.8). */
  threshold?: number;
  /** Lower end of the review band [reviewLower, threshold) (default 0.2). */
  reviewLower?: number;
  decisions?: readonly ReviewDecision[];
  /** At most this many records of one source per cluster (0 = no limit; default 0). */
  maxPerSource?: number;
  guard?: Partial<ClusterGuard>;
  em?: { maxIterations?: number; tolerance?: number };
  /** Training method (default 'sessions'), see TrainedModel.training. */
  training?: 'sessions' | 'candidates';
  /** Random pairs for u (default min(1,000,000, max(200,000, 100 × records)), or all pairs when fewer). */
  randomPairs?: number;
  seed?: number;
  /** Clamp of term-frequency adjustments, bits (default 6). */
  tfClamp?: number;
  /**
   * Score twice: the second time with term frequencies counted once per person of a first clustering
   * and Good–Turing smoothed, instead of once per record (default true; see model/entity-frequencies.ts).
   */
  personFrequencies?: boolean;
  /** Use these parameters instead of training (no EM). */
  model?: TrainedModel;
  /** Estimate the share of true pairs lost at blocking (default true). */
  blockingRecall?: boolean | { budget?: number; rules?: readonly BlockingRuleInput[] };
  /** Most review candidates returned with explanations (default 10,000; the report has the total). */
  maxReviewCandidates?: number;
}

export interface ReviewCandidate {
  a: string;
  b: string;
  probability: number;
  /** 'uncertain': in the review band; 'guard': above the threshold but kept apart by a guard or constraint. */
  reason: 'uncertain' | 'guard';
  sameCluster: boolean;
  explanation: PairExplanation;
}

export interface BlockingRecallEstimate {
  /**
   * Estimated share of linkable true pairs that the blocking rules capture (1 − lost share). Pairs
   * the model could not link anyway (p < 0.5 even if compared) are not counted, so on data with many
   * ambiguous records this is higher than the share of all true pairs captured.
   */
  recall: number;
  method: string;
  sampledRecords: number;
  pairsScored: number;
  /** Expected true pairs (Σ p over pairs with p ≥ 0.5) among the looser candidates of the sample. */
  expectedMatches: number;
  /** … of which the blocking rules do not produce. */
  expectedMissed: number;
  looseRules: string[];
}

export interface LinkReport {
  records: number;
  candidatePairs: number;
  patterns: number;
  blocking: BlockingStats[];
  /** Among pairs at or above the threshold: how many each rule alone produced (lost if the rule were dropped). */
  ruleUniqueMatches: { rule: string; unique: number; covered: number }[];
  blockingRecall?: BlockingRecallEstimate;
  randomPairsForU: number;
  model: TrainedModel;
  clusters: ClusterStats;
  linkedPairs: number;
  reviewCandidates: number;
  fieldIssues: { count: number; examples: FieldIssue[] };
  timingsMs: Record<string, number>;
}

export interface ScoredPairs {
  count: number;
  a: Int32Array;
  b: Int32Array;
  /** Total match weight (prior + Σ level weights + tf adjustments), log2. */
  weight: Float32Array;
  probability(k: number): number;
  explain(k: number): PairExplanation;
}

export interface LinkResult {
  recordIds: readonly string[];
  /** Dense cluster index per record. */
  clusterOf: Int32Array;
  /** Identifier of each dense cluster. */
  clusterIds: string[];
  pairs: ScoredPairs;
  review: ReviewCandidate[];
  model: TrainedModel;
  report: LinkReport;
}
