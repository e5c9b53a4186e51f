import { testDefinition } from "@/engine/graph/test-graph";
import { Block, defaultDefinition } from "@/engine/model";
import { describe, expect, it } from "vitest";
import { addBlock } from "./add-block";
import { UNSET_RESOURCE_ID } from "@/engine/blocks";

function added(r: ReturnType<typeof addBlock>): Block {
  if (!r.ok) throw new Error(r.reason);
  const b = r.def.graph.blocks.find((x) => x.id === r.id);
  if (!b) throw new Error("not added");
  return b;
}

describe("addBlock", () => {
  it("numbers names per type and does not touch the input", () => {
    const def = defaultDefinition(); // start, code1
    const frozen = JSON.stringify(def);
    const r = addBlock(def, "code", { x: 10, y: 20 });
    expect(added(r)).toMatchObject({ name: "code2", type: "code", position: { x: 10, y: 20 }, config: { language: "javascript", source: "return null;\n" } });
    expect(JSON.stringify(def)).toBe(frozen);
    expect(r.def.graph.blocks[0]).toBe(def.graph.blocks[0]);
  });

  it("gives every type a schema-valid default config", () => {
    let def = defaultDefinition();
    const names: string[] = [];
    for (const type of ["query", "branch", "loop", "return", "errorHandler", "callFunction", "code"] as const) {
      const r = addBlock(def, type, { x: 0, y: 0 }, { language: "python" });
      const b = added(r);
      expect(Block.safeParse(b).success).toBe(true);
      names.push(b.name);
      def = r.def;
    }
    expect(names).toEqual(["query1", "branch1", "loop1", "return1", "errorHandler", "call1", "code2"]);
    expect(def.graph.blocks.find((b) => b.name === "query1")?.config).toMatchObject({ kind: "sql", resourceId: UNSET_RESOURCE_ID });
    expect(def.graph.blocks.find((b) => b.name === "branch1")?.config).toEqual({ cases: [{ id: "case1", label: "", condition: "{{ true }}" }] });
    expect(def.graph.blocks.find((b) => b.name === "code2")?.config).toMatchObject({ language: "python", source: "return None\n" });
  });

  it("skips names taken by parameters and ids taken by renamed blocks", () => {
    const def = testDefinition({ start: "start", code2: "code" }, ["start -> code2"], { params: [{ name: "code1", type: "string" }] });
    const r = addBlock(def, "code", { x: 0, y: 0 });
    expect(added(r).name).toBe("code3");
    const renamed = { ...def, graph: { ...def.graph, blocks: def.graph.blocks.map((b) => (b.id === "code2" ? { ...b, name: "other" } : b)) } };
    const r2 = addBlock(renamed, "code", { x: 0, y: 0 });
    expect(added(r2)).toMatchObject({ name: "code2", id: "code2_2" });
  });

  it("adds into a loop body, and refuses a parent that is not a loop", () => {
    const def = testDefinition({ start: "start", each: "loop" }, ["start -> each"]);
    expect(added(addBlock(def, "code", { x: 5, y: 5 }, { parentId: "each" })).parentId).toBe("each");
    expect(addBlock(def, "code", { x: 0, y: 0 }, { parentId: "start" })).toMatchObject({ ok: false, def });
    expect(addBlock(def, "errorHandler", { x: 0, y: 0 }, { parentId: "each" })).toMatchObject({ ok: false });
  });
});
