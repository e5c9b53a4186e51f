import { describe, expect, it } from "vitest";
import { portsOf } from "./ports-of";
import { blockNamed, testGraph } from "./test-graph";

describe("portsOf", () => {
  it("lists the ports of each block type", () => {
    const g = testGraph(
      { start: "start", q: "query", c: "code", f: "callFunction", b: { type: "branch", cases: ["x", "y"] }, l: "loop", h: "errorHandler", r: "return" },
      [],
    );
    const ports = (n: string) => portsOf(blockNamed(g, n));
    expect(ports("start")).toEqual(["next"]);
    expect(ports("q")).toEqual(["next", "error"]);
    expect(ports("c")).toEqual(["next", "error"]);
    expect(ports("f")).toEqual(["next", "error"]);
    expect(ports("b")).toEqual(["x", "y", "else", "error"]);
    expect(ports("l")).toEqual(["body", "next", "error"]);
    expect(ports("h")).toEqual(["next"]);
    expect(ports("r")).toEqual([]);
  });
});
