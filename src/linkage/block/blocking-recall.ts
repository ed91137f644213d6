/**
 * Estimates the share of true pairs lost at blocking by comparing against a looser blocking on a
 * random sample of records: every rule with one part dropped (and any extra rules given). The sample
 * records are compared with all their loose candidates and scored with the trained model; the expected
 * true pairs (Σ p over p ≥ 0.5) that no blocking rule produces are the estimated loss.
 */
import type { Comparator } from '../compare/comparison.types';
import type { ColumnStore } from '../encode/columns';
import type { Scorer } from '../model/score';
import { probabilityOfWeight } from '../model/model.types';
import { mulberry32 } from '../model/random-pairs';
import { groupByKey, isMultiRule, ruleKeys, type BlockingRule } from './blocking-rules';
import { coveredByAny, type BlockingIndex } from './candidates';

export interface RecallOptions {
  budget: number;
  seed: number;
  extraRules?: readonly BlockingRule[];
  sourceOf?: Int32Array;
  /** Loose blocks larger than this are subsampled (each member kept with probability cap/size, weighted back). Default 5000. */
  blockCap?: number;
}

/** Every rule with one part dropped, deduplicated (single-part rules have no looser form; multi-valued looser forms are left out). */
export function loosenRules(rules: readonly BlockingRule[]): BlockingRule[] {
  const out = new Map<string, BlockingRule>();
  for (const r of rules) {
    if (r.parts.length < 2) continue;
    for (let k = 0; k < r.parts.length; k++) {
      const parts = r.parts.filter((_, i) => i !== k);
      if (parts.some((p) => p.as === 'deletions')) continue;
      const name = parts.map((p) => `${p.field}:${p.as}`).join('+');
      if (!out.has(name)) out.set(name, { name, parts });
    }
  }
  return [...out.values()];
}

function hash01(i: number, j: number): number {
  let h = Math.imul(i < j ? i : j, 0x9e3779b1) ^ Math.imul(i < j ? j : i, 0x85ebca77);
  h ^= h >>> 15; h = Math.imul(h, 0x2c1b3c6d); h ^= h >>> 12;
  return (h >>> 0) / 4294967296;
}

export function estimateBlockingRecall(store: ColumnStore, comparators: readonly Comparator[], scorer: Scorer, index: BlockingIndex, opts: RecallOptions) {
  const n = store.n;
  const rules = [...loosenRules(index.rules.map((r) => r.rule)), ...(opts.extraRules ?? []).filter((r) => !isMultiRule(r))];
  const loose = rules.map((r) => { const k = ruleKeys(store, r); return { k, g: groupByKey(k.key, k.blocks) }; });
  // Expected loose candidates per record, to size the sample within the budget.
  const cap = opts.blockCap ?? 5000;
  let perRecord = 0;
  for (const { k, g } of loose) for (let b = 0; b < k.blocks; b++) { const s = g.start[b + 1] - g.start[b]; perRecord += (s * Math.min(s, cap)) / n; }
  const sample = Math.max(1, Math.min(n, Math.floor(opts.budget / Math.max(1, perRecord))));
  const rnd = mulberry32(opts.seed ^ 0x5bd1e995);
  const chosen = new Set<number>();
  if (sample >= n) for (let i = 0; i < n; i++) chosen.add(i);
  else while (chosen.size < sample) chosen.add(Math.floor(rnd() * n));
  const stamp = new Int32Array(n).fill(-1);
  const levels = new Uint8Array(comparators.length);
  let expected = 0, missed = 0, scored = 0;
  for (const i of chosen) {
    for (const { k, g } of loose) {
      const b = k.key[i];
      if (b < 0) continue;
      const size = g.start[b + 1] - g.start[b];
      const keep = size > cap ? cap / size : 1;
      for (let x = g.start[b]; x < g.start[b + 1]; x++) {
        const j = g.order[x];
        if (j === i || stamp[j] === i) continue;
        // Subsample huge loose blocks by a hash of the pair (deterministic), weighting kept pairs back up.
        if (keep < 1 && hash01(i, j) >= keep) continue;
        stamp[j] = i;
        if (opts.sourceOf && opts.sourceOf[i] === opts.sourceOf[j]) continue;
        // In a full sample each pair is met twice; count it once.
        if (sample >= n && j < i) continue;
        for (let c = 0; c < comparators.length; c++) levels[c] = comparators[c].compare(i, j);
        const p = probabilityOfWeight(scorer.baseWeight(levels) + scorer.tfAdjustment(i, levels));
        scored++;
        if (p < 0.5) continue;
        expected += p / keep;
        if (!coveredByAny(index, i, j)) missed += p / keep;
      }
    }
  }
  return {
    recall: expected > 0 ? 1 - missed / expected : 1,
    method: 'share of linkable pairs (p ≥ 0.5 under the trained model) found by a looser blocking (each rule with one part dropped; huge loose blocks subsampled) on a record sample that the blocking rules also produce',
    sampledRecords: chosen.size,
    pairsScored: scored,
    expectedMatches: expected,
    expectedMissed: missed,
    looseRules: rules.map((r) => r.name),
  };
}
