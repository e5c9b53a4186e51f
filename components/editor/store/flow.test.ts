import { testDefinition } from "@/engine/graph/test-graph";
import { Block, FunctionDefinition } from "@/engine/model";
import type { NodeChange } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import { actionFromConnection, actionsFromNodeChanges, measuredFromChanges } from "./flow-changes";
import { toFlowEdges } from "./flow-edges";
import { LOOP_PADDING, NODE_SIZE } from "./flow-layout";
import { toFlowNodes } from "./flow-nodes";
import type { Problem } from "@/engine/graph/problem";
import { moveBlocks } from "./move-blocks";

/*
 *   start ─▶ check ─big─▶ each ─body─▶ [ row ─▶ inner ─body─▶ [ cell ] ]
 *              ├─else─▶ out       each ─next─▶ out
 *              └─error─▶ out
 *   (blocks listed children first on purpose)
 */
const def = testDefinition(
  {
    cell: { type: "code", parent: "inner" },
    row: { type: "code", parent: "each" },
    inner: { type: "loop", parent: "each" },
    start: "start",
    check: { type: "branch", config: { cases: [{ id: "big", label: "Big order", condition: "{{ true }}" }] } },
    each: "loop",
    out: "return",
  },
  ["start -> check", "check -big-> each", "check -else-> out", "check -error-> out", "each -body-> row", "row -> inner", "inner -body-> cell", "each -> out"],
);

// Any code: the nodes pass problems through untouched (not a catalogue code, on purpose).
const xProblem = { code: "X", message: "m", blockId: "cell" } as unknown as Problem;

describe("toFlowNodes", () => {
  const nodes = toFlowNodes(def, { selection: ["row"], statuses: { row: { status: "ok", durationMs: 12 } }, problems: [xProblem] });
  const byId = new Map(nodes.map((n) => [n.id, n]));

  it("puts every parent before its children", () => {
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    for (const n of nodes) if (n.parentId) expect(index.get(n.parentId)).toBeLessThan(index.get(n.id) ?? -1);
    expect(byId.get("cell")).toMatchObject({ parentId: "inner", extent: "parent" });
    expect(byId.get("row")).toMatchObject({ parentId: "each", extent: "parent" });
    expect(byId.get("start")).not.toHaveProperty("parentId");
  });

  it("carries the block, status, problems and selection", () => {
    expect(byId.get("row")).toMatchObject({ type: "block", selected: true, data: { status: "ok", durationMs: 12 } });
    expect(byId.get("row")?.data.block).toBe(def.graph.blocks[1]);
    expect(byId.get("cell")?.data.problems).toEqual([{ code: "X", message: "m", blockId: "cell" }]);
    expect(byId.get("check")?.data).not.toHaveProperty("status");
  });

  it("lays out blocks without positions top to bottom, loops sized to hold their bodies", () => {
    const ys = ["start", "check", "each", "out"].map((id) => byId.get(id)?.position.y ?? -1);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect(new Set(ys).size).toBe(4);
    expect(byId.get("row")?.position).toEqual({ x: LOOP_PADDING.x, y: LOOP_PADDING.top });
    const inner = byId.get("inner");
    const each = byId.get("each");
    expect(inner?.width).toBeGreaterThanOrEqual(NODE_SIZE.width + 2 * LOOP_PADDING.x);
    expect(each?.height).toBeGreaterThan((inner?.position.y ?? 0) + (inner?.height ?? 0));
  });

  it("keeps stored positions and reuses unchanged nodes", () => {
    const placed = moveBlocks(def, { out: { x: 7, y: 9 } });
    const again = toFlowNodes(placed, { previous: nodes, selection: ["row"], statuses: { row: { status: "ok", durationMs: 12 } }, problems: [xProblem] });
    expect(again.find((n) => n.id === "out")?.position).toEqual({ x: 7, y: 9 });
    expect(again.find((n) => n.id === "start")).toBe(byId.get("start"));
  });
});

describe("toFlowEdges", () => {
  const edges = new Map(toFlowEdges(def, { selection: ["check-error-out"] }).map((e) => [e.id, e]));

  it("maps ports to source handles, kinds to classes, cases to labels", () => {
    expect(edges.get("check-big-each")).toMatchObject({ source: "check", target: "each", sourceHandle: "big", label: "Big order", className: "edge-case", data: { port: "big", kind: "case" } });
    expect(edges.get("check-else-out")).toMatchObject({ sourceHandle: "else", label: "else", className: "edge-else" });
    expect(edges.get("check-error-out")).toMatchObject({ sourceHandle: "error", className: "edge-error", selected: true, data: { kind: "error" } });
    expect(edges.get("each-body-row")).toMatchObject({ sourceHandle: "body", className: "edge-body" });
    expect(edges.get("start-next-check")).not.toHaveProperty("label");
  });
});

describe("from React Flow back to the definition", () => {
  it("never lets UI fields leak into the definition", () => {
    const nodes = toFlowNodes(def, { selection: ["row"], measured: new Map([["row", { width: 200, height: 60 }]]) });
    const changes: NodeChange[] = nodes.map((n) => ({ id: n.id, type: "position", position: { ...n.position, x: n.position.x + 1 }, positionAbsolute: { x: 0, y: 0 }, dragging: true }));
    changes.push({ id: "row", type: "dimensions", dimensions: { width: 210, height: 64 }, resizing: false });
    const actions = actionsFromNodeChanges(changes, [], "g1");
    expect(actions).toHaveLength(1);
    const move = actions[0];
    if (move.type !== "moveBlocks") throw new Error(move.type);
    expect(move.coalesceKey).toBe("move:g1");
    const next = moveBlocks(def, move.positions);
    const allowed = new Set(["id", "name", "type", "position", "parentId", "timeoutMs", "retry", "config"]);
    for (const b of next.graph.blocks) {
      expect(Object.keys(b).filter((k) => !allowed.has(k))).toEqual([]);
      expect(Object.keys(b.position ?? {})).toEqual(["x", "y"]);
      expect(Block.parse(b)).toEqual(b);
    }
    expect(FunctionDefinition.parse(next)).toEqual(next);
    expect(JSON.stringify(next)).not.toMatch(/selected|measured|dragging|extent|width/);
    expect(measuredFromChanges(new Map(), changes).get("row")).toEqual({ width: 210, height: 64 });
  });

  it("turns selections, removals and connections into actions", () => {
    const actions = actionsFromNodeChanges([{ id: "row", type: "select", selected: true }, { id: "out", type: "select", selected: false }, { id: "out", type: "remove" }], ["out"], "g");
    expect(actions).toEqual([{ type: "removeBlocks", blockIds: ["out"] }, { type: "select", ids: ["row"] }]);
    const end = actionsFromNodeChanges([{ id: "row", type: "position", dragging: false }], []);
    expect(end).toEqual([{ type: "seal" }]);
    expect(actionFromConnection({ source: "check", target: "out", sourceHandle: "big", targetHandle: null })).toEqual({ type: "connect", source: "check", target: "out", port: "big" });
  });
});
