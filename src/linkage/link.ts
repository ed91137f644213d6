/**
 * The linkage engine end to end: encode → block (rules unioned) → compare → EM → score (with
 * term frequencies) → cluster (with reviewer constraints and the anti-chaining guard) → review band.
 * Pure: records in, clusters, scored pairs, the trained model and a report out.
 */
import { DEFAULT_BLOCKING_RULES, parseBlockingRule, ruleKeys, type BlockingRule } from './block/blocking-rules';
import { estimateBlockingRecall } from './block/blocking-recall';
import { buildBlockingIndex, coveredBefore, generateCandidates, inSameBlock, type BlockingIndex } from './block/candidates';
import { PairStore, PatternTable } from './block/pair-store';
import { clusterPairs } from './cluster/cluster';
import { compileComparison, DEFAULT_COMPARISONS } from './compare/comparators';
import type { Comparator, ComparisonSpec } from './compare/comparison.types';
import { ColumnStore } from './encode/columns';
import { Interner } from './encode/interner';
import { expectationMaximisation, initialM } from './model/em';
import { probabilityOfWeight, weightOfProbability, type TrainedModel } from './model/model.types';
import { estimateUFromRandomPairs } from './model/random-pairs';
import { trainBySessions } from './model/train';
import { Scorer } from './model/score';
import { personFrequencies } from './model/entity-frequencies';
import type { LinkRecord } from './record';
import type { LinkOptions, LinkReport, LinkResult, ReviewCandidate } from './link.types';

const now = () => performance.now();

/** Compiled engine state shared by full and incremental runs. */
export interface Prepared {
  records: readonly LinkRecord[];
  store: ColumnStore;
  comparators: Comparator[];
  sourceOf: Int32Array;
  rules: BlockingRule[];
  index: BlockingIndex;
}

export function prepare(records: readonly LinkRecord[], specs: readonly ComparisonSpec[], ruleInputs: readonly (string | BlockingRule)[], maxBlockSize: number): Prepared {
  const seen = new Set<string>();
  for (const r of records) {
    if (typeof r.id !== 'string' || r.id === '') throw new Error('every record needs a non-empty id');
    if (seen.has(r.id)) throw new Error(`duplicate record id "${r.id}"`);
    seen.add(r.id);
  }
  const store = new ColumnStore(records);
  const comparators = specs.map((s) => compileComparison(store, s));
  const S = new Interner();
  const sourceOf = Int32Array.from(records, (r) => S.id(r.source ?? ''));
  const rules = ruleInputs.map(parseBlockingRule);
  const index = buildBlockingIndex(rules.map((r) => ruleKeys(store, r)), maxBlockSize);
  return { records, store, comparators, sourceOf, rules, index };
}

/** Candidate pairs compared into patterns. */
export function compareCandidates(p: Prepared, linkMode: boolean, maxBlockSize: number, isNew?: Uint8Array) {
  const C = p.comparators.length;
  const patterns = new PatternTable(p.comparators.map((c) => c.levels.length));
  const pairs = new PairStore();
  const levels = new Uint8Array(C);
  const comps = p.comparators;
  const blocking = generateCandidates(p.index, { maxBlockSize, sourceOf: linkMode ? p.sourceOf : undefined, isNew }, (i, j) => {
    for (let c = 0; c < C; c++) levels[c] = comps[c].compare(i, j);
    pairs.push(i, j, patterns.add(levels));
  });
  pairs.trim();
  return { patterns, pairs, blocking };
}

/** Total weight per pair: pattern weight plus term-frequency adjustments. */
export function scorePairs(scorer: Scorer, patterns: PatternTable, pairs: PairStore): Float32Array {
  const C = patterns.levelCounts.length;
  const base = new Float64Array(patterns.size);
  const hasTf = new Uint8Array(patterns.size);
  for (let q = 0; q < patterns.size; q++) {
    base[q] = scorer.baseWeight(patterns.gammas, q * C);
    for (let c = 0; c < C; c++) if (scorer.tfLevel[c]?.[patterns.gammas[q * C + c]] === 1) hasTf[q] = 1;
  }
  const w = new Float32Array(pairs.length);
  for (let k = 0; k < pairs.length; k++) {
    const q = pairs.pat[k];
    w[k] = hasTf[q] === 1 ? base[q] + scorer.tfAdjustment(pairs.a[k], patterns.gammas, q * C) : base[q];
  }
  return w;
}

/** Number of record pairs the prior refers to: all pairs (dedupe) or pairs across sources (link). */
export function allPairCount(sourceOf: Int32Array, linkMode: boolean): number {
  const n = sourceOf.length;
  if (!linkMode) return (n * (n - 1)) / 2;
  const counts = new Map<number, number>();
  for (const s of sourceOf) counts.set(s, (counts.get(s) ?? 0) + 1);
  let same = 0;
  for (const c of counts.values()) same += (c * (c - 1)) / 2;
  return (n * (n - 1)) / 2 - same;
}

export function trainModel(p: Prepared, patterns: PatternTable, pairs: PairStore, opts: LinkOptions, specs: readonly ComparisonSpec[], linkMode: boolean, maxBlockSize: number): { model: TrainedModel; randomPairs: number } {
  const n = p.records.length;
  const total = allPairCount(p.sourceOf, linkMode);
  const samples = Math.min(opts.randomPairs ?? Math.min(1_000_000, Math.max(200_000, 100 * n)), total);
  const { u: uRandom, pairs: randomPairs } = estimateUFromRandomPairs(n, p.comparators, samples, opts.seed ?? 1, linkMode ? p.sourceOf : undefined);
  const levelCounts = p.comparators.map((c) => c.levels.length);
  const base = {
    version: 1 as const, comparisons: [...specs], levels: p.comparators.map((c) => [...c.levels]), uRandom,
    blockingRules: p.rules, mode: (linkMode ? 'link' : 'dedupe') as 'link' | 'dedupe', maxBlockSize, tfClamp: opts.tfClamp ?? 6, trainedOnPairs: pairs.length,
  };
  if (opts.training === 'candidates') {
    const em = expectationMaximisation(patterns.gammas, patterns.counts, patterns.size, levelCounts, { m: initialM(levelCounts), u: uRandom, lambda: 0.1 }, opts.em);
    return { model: { ...base, m: em.m, u: em.u, lambda: em.lambda, training: { method: 'candidates', sessions: [], fallback: [], iterations: em.iterations, converged: em.converged } }, randomPairs };
  }
  const tr = trainBySessions(patterns, pairs, p.index, p.comparators, specs, uRandom, total, opts.em);
  return { model: { ...base, m: tr.m, u: uRandom, lambda: tr.lambda, training: { method: 'sessions', sessions: tr.sessions, fallback: tr.fallback } }, randomPairs };
}

/** Maps reviewer decisions to record-index pairs. Unknown ids are an error. */
export function decisionPairs(records: readonly LinkRecord[], opts: LinkOptions) {
  const idx = new Map(records.map((r, i) => [r.id, i] as [string, number]));
  const must: [number, number][] = [], cannot: [number, number][] = [];
  const decided = new Set<string>();
  for (const d of opts.decisions ?? []) {
    const a = idx.get(d.a), b = idx.get(d.b);
    if (a === undefined || b === undefined) throw new Error(`review decision names an unknown record id (${a === undefined ? d.a : d.b})`);
    (d.decision === 'match' ? must : cannot).push([a, b]);
    decided.add(a < b ? `${a},${b}` : `${b},${a}`);
  }
  return { must, cannot, decided };
}

export function linkRecords(records: readonly LinkRecord[], opts: LinkOptions = {}): LinkResult {
  const t: Record<string, number> = {};
  let t0 = now();
  const lap = (name: string) => { const t1 = now(); t[name] = Math.round(t1 - t0); t0 = t1; };
  const trained = opts.model;
  const specs = trained?.comparisons ?? opts.comparisons ?? DEFAULT_COMPARISONS;
  const linkMode = (trained?.mode ?? opts.mode) === 'link';
  const maxBlockSize = opts.maxBlockSize ?? trained?.maxBlockSize ?? 1000;
  const p = prepare(records, specs, trained?.blockingRules ?? opts.blockingRules ?? DEFAULT_BLOCKING_RULES, maxBlockSize);
  lap('prepare');
  const { patterns, pairs, blocking } = compareCandidates(p, linkMode, maxBlockSize);
  lap('blockAndCompare');
  let model = trained;
  let randomPairs = 0;
  if (!model) ({ model, randomPairs } = trainModel(p, patterns, pairs, opts, specs, linkMode, maxBlockSize));
  lap('train');
  let scorer = new Scorer(model, p.comparators);
  let weight = scorePairs(scorer, patterns, pairs);
  if (opts.personFrequencies !== false && scorer.tfAdj.some((x) => x !== null)) {
    // Second scoring with term frequencies counted per person of a first clustering (entity-frequencies.ts).
    const first = clusterAll(p, pairs, weight, scorer, opts, decisionPairs(p.records, opts));
    scorer = new Scorer(model, p.comparators, personFrequencies(p.comparators, first.clusterOf));
    weight = scorePairs(scorer, patterns, pairs);
  }
  lap('score');
  return finish(p, { patterns, pairs, blocking, weight, scorer, model, randomPairs, opts, t, lap });
}

/** Clusters the scored pairs at the threshold with reviewer decisions, guards and (incremental) initial clusters. */
function clusterAll(p: Prepared, pairs: PairStore, weight: Float32Array, scorer: Scorer, opts: LinkOptions, dec: ReturnType<typeof decisionPairs>, initial?: Int32Array) {
  return clusterPairs({
    // A conflict is a compared pair whose evidence points against a match (Bayes factor < 1/8).
    n: p.records.length, a: pairs.a, b: pairs.b, weight, count: pairs.length, threshold: weightOfProbability(opts.threshold ?? 0.8),
    conflictWeight: scorer.prior - 3, mustLinks: dec.must, cannotLinks: dec.cannot, initial,
    sourceOf: p.sourceOf, maxPerSource: opts.maxPerSource ?? 0, guard: opts.guard,
  });
}

interface FinishArgs {
  patterns: PatternTable;
  pairs: PairStore;
  blocking: ReturnType<typeof compareCandidates>['blocking'];
  weight: Float32Array;
  scorer: Scorer;
  model: TrainedModel;
  randomPairs: number;
  opts: LinkOptions;
  t: Record<string, number>;
  lap: (name: string) => void;
  initial?: Int32Array;
  initialIds?: readonly string[];
}

/** Clustering, review band, diagnostics and the report (shared with incremental runs). */
export function finish(p: Prepared, f: FinishArgs): LinkResult {
  const { pairs, weight, scorer, model, opts } = f;
  const n = p.records.length;
  const tw = weightOfProbability(opts.threshold ?? 0.8), lw = weightOfProbability(opts.reviewLower ?? 0.2);
  const dec = decisionPairs(p.records, opts);
  const { clusterOf, stats } = clusterAll(p, pairs, weight, scorer, opts, dec, f.initial);
  f.lap('cluster');
  // Cluster identifiers: existing id when the cluster holds an initially clustered record, else the first record's id.
  const clusterIds: string[] = [];
  const fromInitial = new Uint8Array(stats.clusters);
  for (let i = 0; i < n; i++) {
    const c = clusterOf[i];
    const init = f.initial && f.initialIds && f.initial[i] >= 0 ? f.initialIds[f.initial[i]] : undefined;
    if (clusterIds[c] === undefined) { clusterIds[c] = init ?? p.records[i].id; fromInitial[c] = init !== undefined ? 1 : 0; }
    else if (init !== undefined && fromInitial[c] === 0) { clusterIds[c] = init; fromInitial[c] = 1; }
  }
  const ids = p.records.map((r) => r.id);
  const explain = (k: number) => scorer.explain(pairs.a[k], pairs.b[k], ids[pairs.a[k]], ids[pairs.b[k]]);
  // Review band and guard-separated strong pairs.
  const maxReview = opts.maxReviewCandidates ?? 10_000;
  const candidates: number[] = [];
  let linked = 0;
  for (let k = 0; k < pairs.length; k++) {
    const w = weight[k];
    const same = clusterOf[pairs.a[k]] === clusterOf[pairs.b[k]];
    if (w >= tw) { linked++; if (same) continue; }
    else if (w < lw) continue;
    const key = `${pairs.a[k]},${pairs.b[k]}`;
    if (dec.decided.has(key)) continue;
    candidates.push(k);
  }
  candidates.sort((x, y) => Math.abs(weight[x]) - Math.abs(weight[y]));
  const review: ReviewCandidate[] = candidates.slice(0, maxReview).map((k) => ({
    a: ids[pairs.a[k]], b: ids[pairs.b[k]], probability: probabilityOfWeight(weight[k]),
    reason: weight[k] >= tw ? 'guard' : 'uncertain', sameCluster: clusterOf[pairs.a[k]] === clusterOf[pairs.b[k]], explanation: explain(k),
  }));
  f.lap('review');
  // Which rules produce the strong pairs; unique = lost if that rule were dropped.
  const R = p.index.rules.length;
  const unique = new Array<number>(R).fill(0), covered = new Array<number>(R).fill(0);
  for (let k = 0; k < pairs.length; k++) {
    if (weight[k] < tw) continue;
    let cnt = 0, last = -1;
    for (let r = 0; r < R; r++) {
      if (inSameBlock(p.index, r, pairs.a[k], pairs.b[k])) { cnt++; last = r; covered[r]++; }
    }
    if (cnt === 1) unique[last]++;
  }
  let recall;
  if (opts.blockingRecall !== false) {
    const cfg = typeof opts.blockingRecall === 'object' ? opts.blockingRecall : {};
    recall = estimateBlockingRecall(p.store, p.comparators, scorer, p.index, {
      budget: cfg.budget ?? Math.min(3_000_000, Math.max(1_000_000, 10 * n)), seed: opts.seed ?? 1, extraRules: (cfg.rules ?? []).map(parseBlockingRule),
      sourceOf: model.mode === 'link' ? p.sourceOf : undefined,
    });
    f.lap('blockingRecall');
  }
  void coveredBefore;
  const report: LinkReport = {
    records: n, candidatePairs: pairs.length, patterns: f.patterns.size, blocking: f.blocking,
    ruleUniqueMatches: p.index.rules.map((r, i) => ({ rule: r.rule.name, unique: unique[i], covered: covered[i] })),
    blockingRecall: recall, randomPairsForU: f.randomPairs, model, clusters: stats, linkedPairs: linked,
    reviewCandidates: candidates.length,
    fieldIssues: { count: p.store.issues.length, examples: p.store.issues.slice(0, 20) },
    timingsMs: f.t,
  };
  return {
    recordIds: ids, clusterOf, clusterIds,
    pairs: { count: pairs.length, a: pairs.a, b: pairs.b, weight, probability: (k) => probabilityOfWeight(weight[k]), explain },
    review, model, report,
  };
}
