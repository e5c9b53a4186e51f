import { testDefinition } from "@/engine/graph/test-graph";
import { FunctionDefinition } from "@/engine/model";
import { describe, expect, it } from "vitest";
import { addBlock } from "./add-block";
import { copyBlocks, pasteBlocks } from "./clipboard";
import { connect } from "./connect";
import { moveBlocks } from "./move-blocks";
import { addParam, moveParam, removeParam, renameParam, updateParam } from "./params";
import { removeBlocks, removeEdges } from "./remove-blocks";
import { renameBlock } from "./rename-block";
import { updateBlock } from "./update-block";
import { updateSettings } from "./update-settings";

/*
 *   start ─▶ load ─▶ each ─body─▶ [ row ] ;  each ─▶ check ─yes─▶ out
 */
const def = testDefinition(
  {
    start: "start",
    load: { type: "code", config: { source: "return [id]" } },
    each: { type: "loop", config: { source: "{{ load.data }}" } },
    row: { type: "code", parent: "each", config: { language: "python", source: "return item * 2" } },
    check: { type: "branch", cases: ["yes"] },
    out: { type: "return", config: { value: "{{ load.data }}" } },
  },
  ["start -> load", "load -> each", "each -body-> row", "each -> check", "check -yes-> out"],
  { params: [{ name: "id", type: "number" }, { name: "flag", type: "boolean" }] },
);

const ok = <T extends { def: FunctionDefinition }>(r: T & { ok?: boolean }) => {
  expect(r.ok ?? true).toBe(true);
  return r.def;
};

const outputs: Array<[string, FunctionDefinition]> = [
  ["addBlock", ok(addBlock(def, "query", { x: 1, y: 2 }))],
  ["addBlock into a loop", ok(addBlock(def, "callFunction", { x: 1, y: 2 }, { parentId: "each" }))],
  ["connect", ok(connect(def, "check", "out", "else"))],
  ["removeEdges", removeEdges(def, ["load-next-each"])],
  ["removeBlocks", removeBlocks(def, ["each", "out"])],
  ["moveBlocks", moveBlocks(def, { row: { x: 3, y: 4 }, load: { x: 5, y: 6 } })],
  ["updateBlock", ok(updateBlock(def, "check", { config: { cases: [{ id: "yes", condition: "{{ flag }}" }, { id: "no", condition: "{{ !flag }}" }] }, retry: { count: 1 } }))],
  ["renameBlock", ok(renameBlock(def, "load", "rows"))],
  ["addParam", ok(addParam(def, { name: "limit", type: "number", default: 10 }))],
  ["removeParam", removeParam(def, "flag")],
  ["moveParam", moveParam(def, 1, 0)],
  ["updateParam", ok(updateParam(def, "id", { required: true, description: "the id" }))],
  ["renameParam", ok(renameParam(def, "id", "userId"))],
  ["updateSettings", ok(updateSettings(def, { runBehavior: "automatic", limits: { maxBlockExecutions: 50 } }))],
  ["pasteBlocks", pasteBlocks(def, copyBlocks(def, ["load", "each"]), { x: 40, y: 40 }).def],
];

describe("every operation keeps the definition valid by schema", () => {
  it.each(outputs)("%s", (_, out) => {
    expect(out).not.toBe(def);
    // Parsing strips unknown keys and fills defaults: equality means neither was needed.
    expect(FunctionDefinition.parse(JSON.parse(JSON.stringify(out)))).toEqual(out);
  });

  it("left the input definition untouched", () => {
    expect(def).toEqual(testDefinition(
      {
        start: "start",
        load: { type: "code", config: { source: "return [id]" } },
        each: { type: "loop", config: { source: "{{ load.data }}" } },
        row: { type: "code", parent: "each", config: { language: "python", source: "return item * 2" } },
        check: { type: "branch", cases: ["yes"] },
        out: { type: "return", config: { value: "{{ load.data }}" } },
      },
      ["start -> load", "load -> each", "each -body-> row", "each -> check", "check -yes-> out"],
      { params: [{ name: "id", type: "number" }, { name: "flag", type: "boolean" }] },
    ));
  });
});
