import { blockPorts } from "../blocks";
import type { Block } from "../model";

/** Port names a branch case may not take: they mean something else on some block. */
export const RESERVED_PORTS: ReadonlySet<string> = new Set(["next", "error", "else", "body"]);

/** The ports an edge may leave `block` through (its descriptor's ports, without labels). */
export function portsOf(block: Block): string[] {
  return blockPorts(block).map((p) => p.id);
}
