/**
 * Clustering: connected components over pairs at or above the match threshold (strongest first),
 * with reviewer must-links applied first and cannot-links respected, then a guard against chaining:
 * a component that is too large, or whose compared pairs include too many strong non-matches,
 * is re-clustered on its own edges with a threshold raised step by step.
 */
import { ConstrainedUnionFind, conflictRows } from './union-find';

export interface ClusterGuard {
  /** Components above this size are split with stricter thresholds (default 50). */
  maxClusterSize: number;
  /** Largest tolerated share of compared pairs inside a component that score below `conflictWeight` (default 0.1). */
  maxConflictShare: number;
  /** Threshold increase per re-clustering round, in bits (default 3). */
  stepBits: number;
  maxRounds: number;
  /**
   * Two clusters do not merge while any compared pair between them scores below `conflictWeight`
   * (its own evidence says "different people"); reviewer must-links still apply (default true).
   */
  separateConflicts: boolean;
}

export const DEFAULT_GUARD: ClusterGuard = { maxClusterSize: 50, maxConflictShare: 0.1, stepBits: 3, maxRounds: 4, separateConflicts: true };

export interface ClusterInput {
  n: number;
  a: Int32Array;
  b: Int32Array;
  weight: Float32Array;
  count: number;
  /** Pairs at or above this weight link. */
  threshold: number;
  /** Compared pairs below this weight inside a component count as conflicts. */
  conflictWeight: number;
  mustLinks: readonly (readonly [number, number])[];
  cannotLinks: readonly (readonly [number, number])[];
  /** Records already clustered together (incremental): cluster index per record or −1. */
  initial?: Int32Array;
  sourceOf?: Int32Array;
  maxPerSource?: number;
  guard?: Partial<ClusterGuard>;
}

export interface ClusterStats {
  clusters: number;
  singletons: number;
  largest: number;
  blockedByCannotLink: number;
  blockedBySourceGuard: number;
  /** Merges refused because a compared pair across the two clusters conflicts (separateConflicts). */
  blockedByConflict: number;
  /** Components split by the anti-chaining guard. */
  componentsSplit: number;
  /** Reviewer must-links that contradicted cannot-links (not applied). */
  decisionConflicts: number;
}

export interface ClusterOutput { clusterOf: Int32Array; stats: ClusterStats }

function sortedEdges(idx: Int32Array, weight: Float32Array): Int32Array {
  const order = idx.slice();
  const w = Float64Array.from(order, (k) => -weight[k]);
  const perm = Uint32Array.from({ length: order.length }, (_, i) => i).sort((x, y) => w[x] - w[y]);
  return Int32Array.from(perm, (p) => order[p]);
}

export function clusterPairs(input: ClusterInput): ClusterOutput {
  const guard = { ...DEFAULT_GUARD, ...input.guard };
  const { n, a, b, weight, count } = input;
  const uf = new ConstrainedUnionFind(n, input.sourceOf, input.maxPerSource ?? 0);
  for (const [x, y] of input.cannotLinks) uf.addCannotLink(x, y);
  let decisionConflicts = 0;
  const forced = new Uint8Array(n);
  if (input.initial) {
    const first = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const c = input.initial[i];
      if (c < 0) continue;
      const f = first.get(c);
      if (f === undefined) first.set(c, i); else uf.union(f, i);
    }
  }
  for (const [x, y] of input.mustLinks) {
    if (uf.canUnion(x, y)) { uf.union(x, y); forced[x] = 1; forced[y] = 1; } else decisionConflicts++;
  }
  if (guard.separateConflicts) { const c = conflictRows(n, a, b, weight, count, input.conflictWeight); uf.setConflicts(c.start, c.other); }
  let nStrong = 0;
  for (let k = 0; k < count; k++) if (weight[k] >= input.threshold) nStrong++;
  const strong = new Int32Array(nStrong);
  for (let k = 0, s = 0; k < count; k++) if (weight[k] >= input.threshold) strong[s++] = k;
  for (const k of sortedEdges(strong, weight)) if (uf.canUnion(a[k], b[k])) uf.union(a[k], b[k]);

  // Anti-chaining guard.
  const root = new Int32Array(n);
  for (let i = 0; i < n; i++) root[i] = uf.find(i);
  const compared = new Int32Array(n), conflicts = new Int32Array(n);
  for (let k = 0; k < count; k++) {
    const r = root[a[k]];
    if (r !== root[b[k]]) continue;
    compared[r]++;
    if (weight[k] < input.conflictWeight) conflicts[r]++;
  }
  const suspicious = new Uint8Array(n);
  let componentsSplit = 0;
  for (let i = 0; i < n; i++) {
    if (root[i] !== i || uf.size[i] < 3) continue;
    if (uf.size[i] > guard.maxClusterSize || (compared[i] > 0 && conflicts[i] / compared[i] > guard.maxConflictShare)) suspicious[i] = 1;
  }
  const result = Int32Array.from(root);
  const sus = new Map<number, number[]>();
  for (let k = 0; k < count; k++) {
    const r = root[a[k]];
    if (suspicious[r] === 1 && r === root[b[k]]) (sus.get(r) ?? sus.set(r, []).get(r)!).push(k);
  }
  const initialOf = input.initial;
  const membersOf = new Map<number, number[]>();
  for (let i = 0; i < n; i++) if (suspicious[root[i]] === 1) (membersOf.get(root[i]) ?? membersOf.set(root[i], []).get(root[i])!).push(i);
  for (const [r, edges] of sus) {
    const members = membersOf.get(r)!;
    const parts = splitComponent(members, edges, input, guard, forced, initialOf);
    if (parts.length > 1) componentsSplit++;
    for (const part of parts) for (const i of part) result[i] = part[0];
  }
  // Dense cluster ids in order of first member.
  const dense = new Int32Array(n).fill(-1);
  const clusterOf = new Int32Array(n);
  const sizes: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = result[i];
    if (dense[r] < 0) { dense[r] = sizes.length; sizes.push(0); }
    clusterOf[i] = dense[r];
    sizes[dense[r]]++;
  }
  return {
    clusterOf,
    stats: {
      clusters: sizes.length, singletons: sizes.filter((s) => s === 1).length, largest: sizes.reduce((x, y) => Math.max(x, y), 0),
      blockedByCannotLink: uf.blockedByCannotLink, blockedBySourceGuard: uf.blockedBySource, blockedByConflict: uf.blockedByConflict, componentsSplit, decisionConflicts,
    },
  };
}

/** Re-clusters one component on its own edges with thresholds raised round by round. */
function splitComponent(members: number[], edges: number[], input: ClusterInput, guard: ClusterGuard, forced: Uint8Array, initialOf?: Int32Array): number[][] {
  let groups: number[][] = [members];
  for (let round = 1; round <= guard.maxRounds; round++) {
    const t = input.threshold + guard.stepBits * round;
    const next: number[][] = [];
    let changed = false;
    for (const g of groups) {
      if (!incoherent(g, edges, input, guard)) { next.push(g); continue; }
      const local = new Map<number, number>();
      g.forEach((x, i) => local.set(x, i));
      const uf = new ConstrainedUnionFind(g.length, input.sourceOf ? Int32Array.from(g, (x) => input.sourceOf![x]) : undefined, input.maxPerSource ?? 0);
      for (const [x, y] of input.cannotLinks) if (local.has(x) && local.has(y)) uf.addCannotLink(local.get(x)!, local.get(y)!);
      for (const [x, y] of input.mustLinks) if (local.has(x) && local.has(y) && uf.canUnion(local.get(x)!, local.get(y)!)) uf.union(local.get(x)!, local.get(y)!);
      if (initialOf) {
        const first = new Map<number, number>();
        g.forEach((x, i) => { const c = initialOf[x]; if (c >= 0) { const f = first.get(c); if (f === undefined) first.set(c, i); else uf.union(f, i); } });
      }
      const strong = edges.filter((k) => input.weight[k] >= t && local.has(input.a[k]) && local.has(input.b[k])).sort((x, y) => input.weight[y] - input.weight[x]);
      for (const k of strong) {
        const x = local.get(input.a[k])!, y = local.get(input.b[k])!;
        if (uf.canUnion(x, y)) uf.union(x, y);
      }
      const byRoot = new Map<number, number[]>();
      g.forEach((x, i) => { const r = uf.find(i); (byRoot.get(r) ?? byRoot.set(r, []).get(r)!).push(x); });
      if (byRoot.size > 1) changed = true;
      for (const part of byRoot.values()) next.push(part);
    }
    groups = next;
    if (!changed && groups.every((g) => !incoherent(g, edges, input, guard))) break;
  }
  void forced;
  return groups;
}

function incoherent(g: number[], edges: number[], input: ClusterInput, guard: ClusterGuard): boolean {
  if (g.length < 3) return false;
  if (g.length > guard.maxClusterSize) return true;
  const set = new Set(g);
  let compared = 0, conflicts = 0;
  for (const k of edges) {
    if (!set.has(input.a[k]) || !set.has(input.b[k])) continue;
    compared++;
    if (input.weight[k] < input.conflictWeight) conflicts++;
  }
  return compared > 0 && conflicts / compared > guard.maxConflictShare;
}
