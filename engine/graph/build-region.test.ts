import { describe, expect, it } from "vitest";
import { buildRegion } from "./build-region";
import { indexEdges } from "./index-edges";
import { blockNamed, testGraph } from "./test-graph";

describe("buildRegion", () => {
  //  start ─► each ─► after
  //           │body
  //           ▼
  //         ┌ x ─► y ┐
  it("stays inside the entry's loop scope and does not follow body edges", () => {
    const g = testGraph(
      { start: "start", each: "loop", x: { type: "code", parent: "each" }, y: { type: "code", parent: "each" }, after: "code" },
      ["start -> each", "each -body-> x", "x -> y", "each -> after"],
    );
    const byId = new Map(g.blocks.map((b) => [b.id, b]));
    const { bySource } = indexEdges(g.edges);
    const main = buildRegion(blockNamed(g, "start"), byId, bySource);
    expect(main.blocks).toEqual(["start", "each", "after"]);
    expect(main.outgoing.get("each")?.map((e) => e.port)).toEqual(["next"]);
    const body = buildRegion(blockNamed(g, "x"), byId, bySource);
    expect(body.blocks).toEqual(["x", "y"]);
    expect(body.incoming.get("y")?.map((e) => e.source)).toEqual(["x"]);
  });

  //  start ─► a ─► r        onError ─► r   (r is shared; each region counts only its own edges)
  it("counts only incoming edges from inside the region", () => {
    const g = testGraph({ start: "start", a: "code", r: "return", onError: "errorHandler" }, ["start -> a", "a -> r", "onError -> r"]);
    const byId = new Map(g.blocks.map((b) => [b.id, b]));
    const { bySource } = indexEdges(g.edges);
    expect(buildRegion(blockNamed(g, "start"), byId, bySource).incoming.get("r")?.map((e) => e.source)).toEqual(["a"]);
    expect(buildRegion(blockNamed(g, "onError"), byId, bySource).incoming.get("r")?.map((e) => e.source)).toEqual(["onError"]);
  });
});
