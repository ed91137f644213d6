/** Greedy screen-space clustering: a point joins the first cluster whose centre is within `radius` pixels. */
export interface Pt<T> { x: number; y: number; item: T }
export interface Cluster<T> { x: number; y: number; items: T[] }

export function clusterPoints<T>(points: Pt<T>[], radius: number): Cluster<T>[] {
  const out: (Cluster<T> & { sx: number; sy: number })[] = [];
  const r2 = radius * radius;
  for (const p of points) {
    let best: (typeof out)[number] | undefined;
    let bestD = r2;
    for (const c of out) {
      const d = (c.x - p.x) ** 2 + (c.y - p.y) ** 2;
      if (d <= bestD) { best = c; bestD = d; }
    }
    if (best) {
      best.items.push(p.item); best.sx += p.x; best.sy += p.y;
      best.x = best.sx / best.items.length; best.y = best.sy / best.items.length;
    } else out.push({ x: p.x, y: p.y, sx: p.x, sy: p.y, items: [p.item] });
  }
  // Greedy assignment can leave two clusters closer than the radius: merge them until none are.
  for (let merged = true; merged;) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i], b = out[j];
        if ((a.x - b.x) ** 2 + (a.y - b.y) ** 2 > r2) continue;
        a.items.push(...b.items); a.sx += b.sx; a.sy += b.sy;
        a.x = a.sx / a.items.length; a.y = a.sy / a.items.length;
        out.splice(j, 1);
        merged = true;
        break;
      }
    }
  }
  return out.map(({ x, y, items }) => ({ x, y, items }));
}
