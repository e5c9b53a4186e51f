import type { Position } from "@/engine/model";
import type { Connection, EdgeChange, NodeChange } from "@xyflow/react";
import type { EditorAction } from "./editor-actions";
import type { Size } from "./flow-layout";

/**
 * Translates React Flow's node changes into store actions; a drag's moves share the undo step
 * `move:<gesture>` until React Flow reports the drag's end. Only domain facts cross: a
 * position's `x`/`y`, removals, selection. `dragging`, `measured` and the rest stay in React
 * Flow (sizes go to a UI-side map via `measuredFromChanges`).
 */
export function actionsFromNodeChanges(changes: readonly NodeChange[], selection: readonly string[], gesture = "drag"): EditorAction[] {
  const actions: EditorAction[] = [];
  const positions: Record<string, Position> = {};
  for (const c of changes) if (c.type === "position" && c.position) positions[c.id] = { x: c.position.x, y: c.position.y };
  if (Object.keys(positions).length) actions.push({ type: "moveBlocks", positions, coalesceKey: `move:${gesture}` });
  const removed = changes.flatMap((c) => (c.type === "remove" ? [c.id] : []));
  if (removed.length) actions.push({ type: "removeBlocks", blockIds: removed });
  const next = nextSelection(changes, selection);
  if (next) actions.push({ type: "select", ids: next });
  // React Flow ends a drag with `dragging: false`: the next drag is a new undo step.
  if (changes.some((c) => c.type === "position" && c.dragging === false)) actions.push({ type: "seal" });
  return actions;
}

export function actionsFromEdgeChanges(changes: readonly EdgeChange[], selection: readonly string[]): EditorAction[] {
  const actions: EditorAction[] = [];
  const removed = changes.flatMap((c) => (c.type === "remove" ? [c.id] : []));
  if (removed.length) actions.push({ type: "removeEdges", edgeIds: removed });
  const next = nextSelection(changes, selection);
  if (next) actions.push({ type: "select", ids: next });
  return actions;
}

/** The selection after `select` changes, or null when there are none. */
export function nextSelection(changes: readonly (NodeChange | EdgeChange)[], selection: readonly string[]): string[] | null {
  const picks = changes.flatMap((c) => (c.type === "select" ? [c] : []));
  if (picks.length === 0) return null;
  const out = new Set(selection);
  for (const c of picks) {
    if (c.selected) out.add(c.id);
    else out.delete(c.id);
  }
  return [...out];
}

/** A new connection drawn on the canvas; the source handle id is the port. */
export function actionFromConnection(c: Connection): EditorAction {
  return { type: "connect", source: c.source, target: c.target, port: c.sourceHandle ?? "next" };
}

/** The UI-side map of measured node sizes, updated from `dimensions` changes. */
export function measuredFromChanges(prev: ReadonlyMap<string, Size>, changes: readonly NodeChange[]): ReadonlyMap<string, Size> {
  let next: Map<string, Size> | null = null;
  for (const c of changes) {
    if (c.type !== "dimensions" || !c.dimensions) continue;
    next ??= new Map(prev);
    next.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
  }
  return next ?? prev;
}
