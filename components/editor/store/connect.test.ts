import { testDefinition } from "@/engine/graph/test-graph";
import { describe, expect, it } from "vitest";
import { connect, connectionProblem } from "./connect";

/*
 *   start ─▶ check ─yes─▶ save
 *              └─else─▶ (nothing)      each ─body─▶ row (inside each)      end
 */
const def = testDefinition(
  { start: "start", check: { type: "branch", cases: ["yes"] }, save: "code", each: "loop", row: { type: "code", parent: "each" }, end: "return", onError: "errorHandler" },
  ["start -> check", "check -yes-> save"],
);

describe("connect", () => {
  it("adds an edge through an existing port", () => {
    const r = connect(def, "check", "end", "else");
    if (!r.ok) throw new Error(r.reason);
    expect(r.def.graph.edges.at(-1)).toEqual({ id: "e-check-else-end", source: "check", target: "end", port: "else" });
    expect(r.def.graph.edges.slice(0, -1)).toEqual(def.graph.edges);
    expect(def.graph.edges).toHaveLength(2);
  });

  it("lets a port fan out without replacing the edge already there", () => {
    const r = connect(def, "check", "end", "yes");
    expect(r.ok && r.def.graph.edges.filter((e) => e.port === "yes").map((e) => e.target)).toEqual(["save", "end"]);
  });

  it.each([
    ["a self-loop", "save", "save", "next", /itself/],
    ["a duplicate", "check", "save", "yes", /already connected/],
    ["a port the type lacks", "save", "end", "body", /no "body" port/],
    ["a port a return block lacks", "end", "save", "next", /no "next" port/],
    ["an unknown case", "check", "end", "maybe", /no "maybe" port/],
    ["an edge into start", "save", "start", "next", /into the start/],
    ["an edge into the error handler", "save", "onError", "next", /into the errorHandler/],
    ["an unknown block", "save", "ghost", "next", /must be blocks/],
    ["an edge into a loop body", "save", "row", "next", /only the loop's body port/],
    ["an edge out of a loop body", "row", "end", "next", /cannot lead outside/],
    ["a body edge to a block outside", "each", "end", "body", /must lead to a block inside/],
  ])("refuses %s", (_, source, target, port, reason) => {
    const r = connect(def, source, target, port);
    expect(r.ok).toBe(false);
    expect(r.def).toBe(def);
    expect(r.ok ? "" : r.reason).toMatch(reason);
  });

  it("allows one body edge per loop", () => {
    const r = connect(def, "each", "row", "body");
    expect(r.ok).toBe(true);
    expect(connectionProblem(r.def, "each", "row", "body")).toMatch(/already/);
  });
});
