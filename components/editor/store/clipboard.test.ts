import { testDefinition } from "@/engine/graph/test-graph";
import { describe, expect, it } from "vitest";
import { copyBlocks, parseClipboard, pasteBlocks } from "./clipboard";

/*
 *   start ─▶ code1 ─▶ code2 ─▶ each ─body─▶ [ row ]
 */
const def = testDefinition(
  {
    start: "start",
    code1: { type: "code", config: { source: "return 1" } },
    code2: { type: "code", config: { source: "return code1.data + other.data + x.code1" } },
    each: { type: "loop", config: { source: "{{ code2.data }}" } },
    row: { type: "code", parent: "each", config: { source: "return item * code2.data" } },
  },
  ["start -> code1", "code1 -> code2", "code2 -> each", "each -body-> row"],
);
const moved = { ...def, graph: { ...def.graph, blocks: def.graph.blocks.map((b) => ({ ...b, position: { x: 10, y: 20 } })) } };

describe("copyBlocks", () => {
  it("takes the blocks, their loop bodies and the edges among them, never start", () => {
    const clip = copyBlocks(def, ["start", "code2", "each"]);
    expect(clip.blocks.map((b) => b.id)).toEqual(["code2", "each", "row"]);
    expect(clip.edges.map((e) => e.id)).toEqual(["code2-next-each", "each-body-row"]);
    expect(parseClipboard(JSON.parse(JSON.stringify(clip)))).toEqual(clip);
    expect(parseClipboard({ kind: "other" })).toBeNull();
  });
});

describe("pasteBlocks", () => {
  it("gives fresh ids and free names and rewrites references among the pasted blocks", () => {
    const clip = copyBlocks(moved, ["code1", "code2"]);
    const { def: next, newIds } = pasteBlocks(moved, clip, { x: 100, y: 50 });
    expect(newIds).toEqual(["code1_2", "code2_2"]);
    const pasted = next.graph.blocks.slice(-2);
    expect(pasted.map((b) => b.name)).toEqual(["code3", "code4"]);
    // code1 → code3 inside the copy; `other` was not copied and `x.code1` is a property.
    expect(pasted[1].config).toMatchObject({ source: "return code3.data + other.data + x.code1" });
    expect(pasted[0].position).toEqual({ x: 110, y: 70 });
    expect(next.graph.edges.at(-1)).toEqual({ id: "e-code1_2-next-code2_2", source: "code1_2", target: "code2_2", port: "next" });
    expect(next.graph.blocks.find((b) => b.id === "code2")?.config).toMatchObject({ source: "return code1.data + other.data + x.code1" });
  });

  it("pastes a loop with its body; children keep their place inside the new loop", () => {
    const clip = copyBlocks(moved, ["each"]);
    const { def: next, newIds } = pasteBlocks(moved, clip, { x: 5, y: 5 });
    const [loop, row] = newIds.map((id) => next.graph.blocks.find((b) => b.id === id));
    expect(loop).toMatchObject({ name: "each1", position: { x: 15, y: 25 } });
    expect(row).toMatchObject({ name: "row1", parentId: loop?.id, position: { x: 10, y: 20 } });
    expect(row?.config).toMatchObject({ source: "return item * code2.data" });
    expect(next.graph.edges.at(-1)).toMatchObject({ source: loop?.id, target: row?.id, port: "body" });
  });

  it("keeps names that are free in the target, and pastes into a loop on request", () => {
    const other = testDefinition({ start: "start", box: "loop" }, ["start -> box"]);
    const { def: next } = pasteBlocks(other, copyBlocks(def, ["code2"]), { x: 0, y: 0 }, { parentId: "box" });
    expect(next.graph.blocks.at(-1)).toMatchObject({ id: "code2", name: "code2", parentId: "box" });
  });

  it("does nothing with an empty clipboard", () => {
    expect(pasteBlocks(def, copyBlocks(def, ["start"]), { x: 0, y: 0 })).toEqual({ def, newIds: [] });
  });
});
