/**
 * From clusters of records to persons: which existing person each cluster keeps, which persons
 * merge, which split, which are left without records. Pure; the regroup step writes the plan.
 *
 * Rules (stable ids):
 * - every person has a *home* cluster: the cluster holding most of its records (tie: the cluster
 *   holding its earliest record);
 * - a cluster keeps the oldest person whose home it is (a pin overrides this, for unmerge by hand);
 *   a cluster that is nobody's home gets a new person;
 * - a person kept by no cluster is merged away (into the person kept by its home cluster) and removed.
 */

export interface AssignInput {
  /** The current person of each record (records in load order: earlier = older). */
  personOf: readonly string[];
  /** Dense cluster index of each record. */
  clusterOf: ArrayLike<number>;
  /** Age rank of each person: smaller is older (created earlier; ties broken by id). */
  personRank: ReadonlyMap<string, number>;
  /** Clusters that must keep a given person (unmerge by hand: the person keeps the records not named). */
  pins?: ReadonlyMap<number, string>;
}

export interface MergeEvent {
  cluster: number;
  /** The person kept, or null when the cluster gets a new person. */
  into: string | null;
  /** Other persons that give records to this cluster. */
  from: string[];
  /** Indexes of records that change person in this cluster. */
  records: number[];
}

export interface SplitEvent {
  person: string;
  /** Clusters the person's records end up in (its home first). */
  clusters: number[];
}

export interface AssignPlan {
  clusters: number;
  /** Person kept by each cluster, or null (a new person). */
  keep: (string | null)[];
  /** Home cluster of each person that appears. */
  home: Map<string, number>;
  /** Records whose person changes. */
  moved: number[];
  merges: MergeEvent[];
  splits: SplitEvent[];
  /** Persons kept by no cluster, with the cluster whose person takes over what referred to them. */
  removed: Map<string, number>;
  /** Clusters in which some record changes person. */
  touched: Set<number>;
}

export function planAssignment(input: AssignInput): AssignPlan {
  const { personOf, clusterOf, personRank, pins } = input;
  const n = personOf.length;
  let clusters = 0;
  for (let i = 0; i < n; i++) if (clusterOf[i] + 1 > clusters) clusters = clusterOf[i] + 1;
  // Per person: record count and first record per cluster.
  const stats = new Map<string, Map<number, { count: number; first: number }>>();
  for (let i = 0; i < n; i++) {
    const p = personOf[i], c = clusterOf[i];
    let m = stats.get(p);
    if (!m) stats.set(p, (m = new Map()));
    const s = m.get(c);
    if (s) s.count++;
    else m.set(c, { count: 1, first: i });
  }
  const pinnedHome = new Map<string, number>();
  for (const [c, p] of pins ?? []) pinnedHome.set(p, c);
  const home = new Map<string, number>();
  for (const [p, m] of stats) {
    const pinned = pinnedHome.get(p);
    if (pinned !== undefined && m.has(pinned)) { home.set(p, pinned); continue; }
    let best = -1, bestCount = -1, bestFirst = Infinity;
    for (const [c, s] of m) {
      if (s.count > bestCount || (s.count === bestCount && s.first < bestFirst)) { best = c; bestCount = s.count; bestFirst = s.first; }
    }
    home.set(p, best);
  }
  const rank = (p: string) => personRank.get(p) ?? Number.MAX_SAFE_INTEGER;
  const keep: (string | null)[] = new Array(clusters).fill(null);
  for (const [p, c] of home) {
    const cur = keep[c];
    if (cur === null || rank(p) < rank(cur) || (rank(p) === rank(cur) && p < cur)) keep[c] = p;
  }
  for (const [c, p] of pins ?? []) if (c < clusters) keep[c] = p;
  const kept = new Set(keep.filter((p): p is string => p !== null));
  const removed = new Map<string, number>();
  for (const [p, c] of home) if (!kept.has(p)) removed.set(p, c);

  const moved: number[] = [];
  const touched = new Set<number>();
  const byCluster = new Map<number, { persons: Set<string>; records: number[] }>();
  for (let i = 0; i < n; i++) {
    const c = clusterOf[i];
    let e = byCluster.get(c);
    if (!e) byCluster.set(c, (e = { persons: new Set(), records: [] }));
    e.persons.add(personOf[i]);
    if (keep[c] !== personOf[i]) { moved.push(i); touched.add(c); e.records.push(i); }
  }
  const merges: MergeEvent[] = [];
  for (const [c, e] of [...byCluster].sort((x, y) => x[0] - y[0])) {
    if (e.persons.size < 2) continue;
    merges.push({ cluster: c, into: keep[c], from: [...e.persons].filter((p) => p !== keep[c]), records: e.records });
  }
  const splits: SplitEvent[] = [];
  for (const [p, m] of stats) {
    if (m.size < 2) continue;
    const h = home.get(p)!;
    splits.push({ person: p, clusters: [h, ...[...m.keys()].filter((c) => c !== h).sort((a, b) => a - b)] });
  }
  return { clusters, keep, home, moved, merges, splits, removed, touched };
}
