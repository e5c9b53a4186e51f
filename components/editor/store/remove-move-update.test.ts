import { testDefinition } from "@/engine/graph/test-graph";
import { describe, expect, it } from "vitest";
import { moveBlocks } from "./move-blocks";
import { removeBlocks, removeEdges } from "./remove-blocks";
import { updateBlock } from "./update-block";

/*
 *   start ─▶ each ─next─▶ done
 *             └─body─▶ [ a ─▶ inner ─body─▶ [ b ] ]
 */
const def = testDefinition(
  {
    start: "start",
    each: "loop",
    a: { type: "code", parent: "each" },
    inner: { type: "loop", parent: "each" },
    b: { type: "code", parent: "inner" },
    done: { type: "branch", cases: ["yes", "no"] },
    out: "return",
  },
  ["start -> each", "each -body-> a", "a -> inner", "inner -body-> b", "each -> done", "done -yes-> out", "done -no-> out"],
);

describe("removeBlocks / removeEdges", () => {
  it("removes a loop with its whole body (nested too) and every edge touching them", () => {
    const next = removeBlocks(def, ["each"]);
    expect(next.graph.blocks.map((b) => b.id)).toEqual(["start", "done", "out"]);
    expect(next.graph.edges.map((e) => e.id)).toEqual(["done-yes-out", "done-no-out"]);
    expect(def.graph.blocks).toHaveLength(7);
  });

  it("protects the start block", () => {
    expect(removeBlocks(def, ["start"])).toBe(def);
    expect(removeBlocks(def, ["start", "out"]).graph.blocks.map((b) => b.id)).toContain("start");
  });

  it("removes edges by id and ignores unknown ids", () => {
    expect(removeEdges(def, ["start-next-each"]).graph.edges).toHaveLength(def.graph.edges.length - 1);
    expect(removeEdges(def, ["nope"])).toBe(def);
  });
});

describe("moveBlocks", () => {
  it("copies only x and y and shares untouched blocks", () => {
    const dragged = { x: 40, y: 80, dragging: true, measured: { width: 1 } };
    const next = moveBlocks(def, { a: dragged, ghost: { x: 1, y: 1 } });
    expect(next.graph.blocks.find((b) => b.id === "a")?.position).toEqual({ x: 40, y: 80 });
    expect(next.graph.blocks.find((b) => b.id === "start")).toBe(def.graph.blocks[0]);
    expect(moveBlocks(next, { a: { x: 40, y: 80 } })).toBe(next);
    expect(moveBlocks(def, { a: { x: Number.NaN, y: 0 } })).toBe(def);
  });
});

describe("updateBlock", () => {
  it("merges config, sets and clears timeout and retry", () => {
    const r = updateBlock(def, "a", { config: { source: "return 1" }, timeoutMs: 500, retry: { count: 2 } });
    if (!r.ok) throw new Error(r.reason);
    const a = r.def.graph.blocks.find((b) => b.id === "a");
    expect(a).toMatchObject({ config: { language: "javascript", source: "return 1" }, timeoutMs: 500, retry: { count: 2, intervalMs: 1000, backoff: "fixed" } });
    const cleared = updateBlock(r.def, "a", { timeoutMs: null, retry: null });
    expect(cleared.ok && cleared.def.graph.blocks.find((b) => b.id === "a")).not.toHaveProperty("timeoutMs");
    expect(cleared.ok && cleared.def.graph.blocks.find((b) => b.id === "a")).not.toHaveProperty("retry");
  });

  it("refuses what the Block schema refuses, with its message", () => {
    // Deliberately ill-typed: the inspector may hand over anything, the schema must refuse it.
    const r = updateBlock(def, "a", { config: { language: "ruby" } as never });
    expect(r).toMatchObject({ ok: false, def });
    expect(updateBlock(def, "a", { timeoutMs: -1 })).toMatchObject({ ok: false, reason: expect.stringMatching(/timeoutMs/) });
    expect(updateBlock(def, "done", { config: { cases: [] } })).toMatchObject({ ok: false });
    expect(updateBlock(def, "ghost", {})).toMatchObject({ ok: false });
  });

  it("drops the edges of a branch case that was removed", () => {
    const r = updateBlock(def, "done", { config: { cases: [{ id: "yes", label: "Yes", condition: "{{ true }}" }] } });
    if (!r.ok) throw new Error(r.reason);
    expect(r.def.graph.edges.map((e) => e.id)).not.toContain("done-no-out");
    expect(r.def.graph.edges.map((e) => e.id)).toContain("done-yes-out");
  });
});
