/**
 * The efficient frontier of quality against cost: the vendors no other vendor beats on both, that
 * is, none costs no more and scores at least as well, better on one of the two. Cheapest first.
 */
export interface CostPoint {
  id: string;
  quality: number;
  cost: number;
}

export function efficientFrontier(points: readonly CostPoint[]): string[] {
  const dominated = (p: CostPoint) =>
    points.some((o) => o !== p && o.cost <= p.cost && o.quality >= p.quality && (o.cost < p.cost || o.quality > p.quality));
  return points
    .filter((p) => !dominated(p))
    .sort((a, b) => a.cost - b.cost || b.quality - a.quality)
    .map((p) => p.id);
}
