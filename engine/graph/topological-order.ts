import type { Region } from "./build-region";

/**
 * A region's blocks in an order where every block comes after all its predecessors (Kahn),
 * ties kept in breadth-first order: the order a test panel lists blocks in before a run.
 */
export function topologicalOrder(region: Region): string[] {
  const waiting = new Map(region.blocks.map((id) => [id, region.incoming.get(id)?.length ?? 0]));
  const ready = region.blocks.filter((id) => waiting.get(id) === 0);
  const order: string[] = [];
  while (ready.length) {
    const id = ready.shift() ?? "";
    order.push(id);
    for (const e of region.outgoing.get(id) ?? []) {
      const left = (waiting.get(e.target) ?? 0) - 1;
      waiting.set(e.target, left);
      if (left === 0) ready.push(e.target);
    }
  }
  return order;
}
