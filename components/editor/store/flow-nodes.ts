import type { Problem } from "@/engine/graph";
import type { Block, FunctionDefinition } from "@/engine/model";
import type { Node } from "@xyflow/react";
import { deepEqual } from "./deep-equal";
import { layoutBlocks, scopeDepth, scopeOf, type Size } from "./flow-layout";

export type BlockRunStatus = "running" | "ok" | "error" | "skipped";

/** What a run said about one block, keyed by block id (from the trace of the last test run). */
export interface BlockRunInfo {
  status: BlockRunStatus;
  durationMs?: number;
}

export type BlockNodeData = {
  block: Block;
  status?: BlockRunStatus;
  durationMs?: number;
  problems?: Problem[];
};

export type BlockNode = Node<BlockNodeData, "block">;

export interface FlowNodeOptions {
  selection?: readonly string[];
  statuses?: Readonly<Record<string, BlockRunInfo>>;
  problems?: readonly Problem[];
  /** Sizes React Flow measured (UI state kept beside the store), handed back so nodes are not re-measured. */
  measured?: ReadonlyMap<string, Size>;
  /** The nodes of the previous render: a node that did not change is reused as is (React Flow skips it). */
  previous?: readonly BlockNode[];
}

function nodeData(block: Block, opts: FlowNodeOptions, problems: ReadonlyMap<string, Problem[]>): BlockNodeData {
  const data: BlockNodeData = { block };
  const run = opts.statuses?.[block.id];
  if (run) {
    data.status = run.status;
    if (run.durationMs !== undefined) data.durationMs = run.durationMs;
  }
  const mine = problems.get(block.id);
  if (mine) data.problems = mine;
  return data;
}

function problemsByBlock(problems: readonly Problem[]): Map<string, Problem[]> {
  const out = new Map<string, Problem[]>();
  for (const p of problems) {
    if (p.blockId === undefined) continue;
    const list = out.get(p.blockId);
    if (list) list.push(p);
    else out.set(p.blockId, [p]);
  }
  return out;
}

/**
 * React Flow nodes for the blocks, all of type `block`. Loop-body blocks get `parentId` and
 * `extent: "parent"` and come after their loop (React Flow requires parents first); loops get
 * the size their body needs. UI fields (`selected`, `measured`) are derived here and never
 * written back: `moveBlocks` only reads `x` and `y`.
 */
export function toFlowNodes(def: FunctionDefinition, opts: FlowNodeOptions = {}): BlockNode[] {
  const { positions, sizes } = layoutBlocks(def);
  const byId = new Map(def.graph.blocks.map((b) => [b.id, b]));
  const selected = new Set(opts.selection ?? []);
  const problems = problemsByBlock(opts.problems ?? []);
  const previous = new Map((opts.previous ?? []).map((n) => [n.id, n]));
  const ordered = def.graph.blocks
    .map((b, i) => ({ b, i, depth: scopeDepth(scopeOf(b, byId), byId) }))
    .sort((a, z) => a.depth - z.depth || a.i - z.i);
  return ordered.map(({ b }) => {
    const node: BlockNode = { id: b.id, type: "block", position: positions.get(b.id) ?? { x: 0, y: 0 }, data: nodeData(b, opts, problems), selected: selected.has(b.id) };
    // The start block cannot be removed (removeBlocks skips it); say so to React Flow too.
    if (b.type === "start") node.deletable = false;
    const parent = scopeOf(b, byId);
    if (parent !== "") {
      node.parentId = parent;
      node.extent = "parent";
      node.expandParent = true;
    }
    const size = sizes.get(b.id);
    if (size) {
      node.width = size.width;
      node.height = size.height;
    }
    const m = opts.measured?.get(b.id);
    if (m) node.measured = { width: m.width, height: m.height };
    const before = previous.get(b.id);
    return before && deepEqual(before, node) ? before : node;
  });
}
