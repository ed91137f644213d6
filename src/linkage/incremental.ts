/**
 * Incremental linkage: new records are compared only with the records that share a block with them
 * (new–new and new–existing pairs, through the same blocking rules), scored with the trained model
 * (no retraining), and clustered on top of the existing clusters, which stay together and keep
 * their identifiers. Existing clusters merge only when new evidence links them (reported).
 */
import { Interner } from './encode/interner';
import { compareCandidates, finish, prepare, scorePairs } from './link';
import type { LinkOptions, LinkResult } from './link.types';
import type { TrainedModel } from './model/model.types';
import { Scorer } from './model/score';
import type { LinkRecord } from './record';

export interface ExistingClusters {
  records: readonly LinkRecord[];
  /** Cluster identifier of each existing record (same order as `records`). */
  clusterIds: readonly string[];
}

export interface IncrementalResult extends LinkResult {
  /** Existing clusters joined by new evidence: `into` keeps its id, `from` ids disappear. */
  merges: { into: string; from: string[] }[];
  /** Number of new records that joined an existing cluster. */
  joinedExisting: number;
}

export function linkIncremental(existing: ExistingClusters, model: TrainedModel, newRecords: readonly LinkRecord[], opts: LinkOptions = {}): IncrementalResult {
  if (existing.records.length !== existing.clusterIds.length) throw new Error('existing.clusterIds must give one cluster id per existing record');
  const t: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => { const t1 = performance.now(); t[name] = Math.round(t1 - t0); t0 = t1; };
  const all = [...existing.records, ...newRecords];
  const nOld = existing.records.length;
  const isNew = new Uint8Array(all.length);
  isNew.fill(1, nOld);
  const p = prepare(all, model.comparisons, model.blockingRules, model.maxBlockSize);
  lap('prepare');
  const linkMode = model.mode === 'link';
  const { patterns, pairs, blocking } = compareCandidates(p, linkMode, model.maxBlockSize, isNew);
  lap('blockAndCompare');
  const scorer = new Scorer(model, p.comparators);
  const weight = scorePairs(scorer, patterns, pairs);
  lap('score');
  const ids = new Interner();
  const initial = new Int32Array(all.length).fill(-1);
  for (let i = 0; i < nOld; i++) initial[i] = ids.id(existing.clusterIds[i]);
  const result = finish(p, {
    patterns, pairs, blocking, weight, scorer, model, randomPairs: 0,
    opts: { blockingRecall: false, ...opts }, t, lap, initial, initialIds: ids.values,
  });
  // Which existing clusters merged, and how many new records joined existing clusters.
  const byCluster = new Map<number, Set<string>>();
  for (let i = 0; i < nOld; i++) {
    const c = result.clusterOf[i];
    (byCluster.get(c) ?? byCluster.set(c, new Set()).get(c)!).add(existing.clusterIds[i]);
  }
  const merges: { into: string; from: string[] }[] = [];
  for (const [c, set] of byCluster) if (set.size > 1) merges.push({ into: result.clusterIds[c], from: [...set].filter((x) => x !== result.clusterIds[c]) });
  let joinedExisting = 0;
  for (let i = nOld; i < all.length; i++) if (byCluster.has(result.clusterOf[i])) joinedExisting++;
  return { ...result, merges, joinedExisting };
}
