import type { Edge } from "../model";

/**
 * Ids reachable from `entries` by following edges (`follow` decides which), entries included,
 * in breadth-first order.
 */
export function reachableFrom(
  entries: readonly string[],
  bySource: ReadonlyMap<string, readonly Edge[]>,
  follow: (edge: Edge) => boolean = () => true,
): string[] {
  const seen = new Set<string>(entries);
  const order = [...seen];
  for (let i = 0; i < order.length; i++) {
    for (const e of bySource.get(order[i]) ?? []) {
      if (seen.has(e.target) || !follow(e)) continue;
      seen.add(e.target);
      order.push(e.target);
    }
  }
  return order;
}
