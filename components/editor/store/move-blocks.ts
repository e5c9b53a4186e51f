import type { FunctionDefinition, Position } from "@/engine/model";
import { withGraph } from "./edit-result";

/**
 * Sets block positions. Only `x` and `y` are copied, so a React Flow node position (or a node
 * carrying `dragging`, `measured`…) can be passed without its UI fields reaching the
 * definition. Unknown ids and non-finite coordinates are ignored; untouched blocks keep their
 * identity.
 */
export function moveBlocks(def: FunctionDefinition, positions: Readonly<Record<string, Position>>): FunctionDefinition {
  let changed = false;
  const blocks = def.graph.blocks.map((b) => {
    const p = positions[b.id];
    if (!p || !Number.isFinite(p.x) || !Number.isFinite(p.y)) return b;
    if (b.position && b.position.x === p.x && b.position.y === p.y) return b;
    changed = true;
    return { ...b, position: { x: p.x, y: p.y } };
  });
  return changed ? withGraph(def, { blocks }) : def;
}
