/**
 * Candidate pairs from several blocking rules, unioned without a global sort: a pair from rule r is
 * skipped when an earlier rule already put both records in one (not oversized) block. Oversized
 * blocks are skipped and reported.
 */
import { groupByKey, type RuleKeys } from './blocking-rules';

export interface CandidateOptions {
  maxBlockSize: number;
  /** Link mode: only pairs whose records come from different sources. */
  sourceOf?: Int32Array;
  /** Incremental mode: only pairs with at least one new record. */
  isNew?: Uint8Array;
}

export interface BlockingStats {
  rule: string;
  blocks: number;
  /** Pairs this rule added (not already produced by an earlier rule). */
  pairs: number;
  oversizedBlocks: number;
  recordsInOversizedBlocks: number;
}

export interface BlockingIndex {
  rules: readonly RuleKeys[];
  /** oversized[r][block] = 1 when the block was skipped. */
  oversized: readonly Uint8Array[];
}

/** True when an earlier rule (index < r) already covers the pair. */
export function coveredBefore(index: BlockingIndex, r: number, i: number, j: number): boolean {
  for (let q = 0; q < r; q++) {
    const k = index.rules[q].key;
    const ki = k[i];
    if (ki >= 0 && ki === k[j] && index.oversized[q][ki] === 0) return true;
  }
  return false;
}

/** True when any rule covers the pair. */
export function coveredByAny(index: BlockingIndex, i: number, j: number): boolean {
  return coveredBefore(index, index.rules.length, i, j);
}

export function buildBlockingIndex(rules: readonly RuleKeys[], maxBlockSize: number): BlockingIndex {
  const oversized = rules.map((rk) => {
    const size = new Int32Array(rk.blocks);
    for (let i = 0; i < rk.key.length; i++) if (rk.key[i] >= 0) size[rk.key[i]]++;
    const cap = Math.min(maxBlockSize, rk.rule.maxBlockSize ?? maxBlockSize);
    return Uint8Array.from(size, (s) => (s > cap ? 1 : 0));
  });
  return { rules, oversized };
}

export function generateCandidates(index: BlockingIndex, opts: CandidateOptions, emit: (i: number, j: number) => void): BlockingStats[] {
  const { sourceOf, isNew } = opts;
  const stats: BlockingStats[] = [];
  for (let r = 0; r < index.rules.length; r++) {
    const rk = index.rules[r];
    const over = index.oversized[r];
    const { order, start } = groupByKey(rk.key, rk.blocks);
    const st: BlockingStats = { rule: rk.rule.name, blocks: rk.blocks, pairs: 0, oversizedBlocks: 0, recordsInOversizedBlocks: 0 };
    for (let b = 0; b < rk.blocks; b++) {
      const s = start[b], e = start[b + 1];
      if (e - s < 2) continue;
      if (over[b] === 1) { st.oversizedBlocks++; st.recordsInOversizedBlocks += e - s; continue; }
      if (isNew) {
        let any = false;
        for (let x = s; x < e && !any; x++) any = isNew[order[x]] === 1;
        if (!any) continue;
      }
      for (let x = s; x < e; x++) {
        const i = order[x];
        const ni = isNew ? isNew[i] : 1;
        for (let y = x + 1; y < e; y++) {
          const j = order[y];
          if (ni === 0 && isNew![j] === 0) continue;
          if (sourceOf && sourceOf[i] === sourceOf[j]) continue;
          if (r > 0 && coveredBefore(index, r, i, j)) continue;
          emit(i < j ? i : j, i < j ? j : i);
          st.pairs++;
        }
      }
    }
    stats.push(st);
  }
  return stats;
}
