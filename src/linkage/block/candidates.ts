/**
 * Candidate pairs from several blocking rules, unioned without a global sort: a pair from rule r is
 * skipped when an earlier rule already put both records in one (not oversized) block. Oversized
 * blocks are skipped and reported.
 */
import { groupByKey, groupByMultiKey, type RuleKeys } from './blocking-rules';

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

/**
 * The first (smallest) block of rule r that holds both records and is not oversized, −1 when none.
 * For a single-valued rule that is their shared key.
 */
export function sharedBlock(index: BlockingIndex, r: number, i: number, j: number): number {
  const rk = index.rules[r];
  const over = index.oversized[r];
  if (rk.multi === undefined) {
    const ki = rk.key[i];
    return ki >= 0 && ki === rk.key[j] && over[ki] === 0 ? ki : -1;
  }
  const { start, keys } = rk.multi;
  let x = start[i], y = start[j];
  const xe = start[i + 1], ye = start[j + 1];
  while (x < xe && y < ye) {
    const a = keys[x], b = keys[y];
    if (a === b) { if (over[a] === 0) return a; x++; y++; } else if (a < b) x++; else y++;
  }
  return -1;
}

/** True when rule r puts both records in one block that is not oversized. */
export function inSameBlock(index: BlockingIndex, r: number, i: number, j: number): boolean {
  return sharedBlock(index, r, i, j) >= 0;
}

/** True when an earlier rule (index < r) already covers the pair. */
export function coveredBefore(index: BlockingIndex, r: number, i: number, j: number): boolean {
  for (let q = 0; q < r; q++) if (inSameBlock(index, q, i, j)) return true;
  return false;
}

/** True when any rule covers the pair. */
export function coveredByAny(index: BlockingIndex, i: number, j: number): boolean {
  return coveredBefore(index, index.rules.length, i, j);
}

export function buildBlockingIndex(rules: readonly RuleKeys[], maxBlockSize: number): BlockingIndex {
  const oversized = rules.map((rk) => {
    const size = new Int32Array(rk.blocks);
    if (rk.multi) for (const b of rk.multi.keys) size[b]++;
    else for (let i = 0; i < rk.key.length; i++) if (rk.key[i] >= 0) size[rk.key[i]]++;
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
    const { order, start } = rk.multi ? groupByMultiKey(rk.multi, rk.blocks) : groupByKey(rk.key, rk.blocks);
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
          // A multi-valued rule meets a pair in every block the two share: emit it from the first one only.
          if (rk.multi && sharedBlock(index, r, i, j) !== b) continue;
          emit(i < j ? i : j, i < j ? j : i);
          st.pairs++;
        }
      }
    }
    stats.push(st);
  }
  return stats;
}
