import { describe, expect, it } from "vitest";
import { findCycles } from "./find-cycles";

const edges = (...pairs: string[]) => pairs.map((p) => ({ source: p[0], target: p[1] }));

describe("findCycles", () => {
  //  a ─► b ─► c ─► a      d ─► d      e ─► f
  it("finds every cycle, self-loops included", () => {
    expect(findCycles(["a", "b", "c", "d", "e", "f"], edges("ab", "bc", "ca", "dd", "ef"))).toEqual([["a", "b", "c"], ["d"]]);
  });

  //  a ─► b ─► c,  a ─► c   (a diamond is not a cycle)
  it("finds nothing in a DAG", () => {
    expect(findCycles(["a", "b", "c"], edges("ab", "bc", "ac"))).toEqual([]);
  });

  it("handles a long chain without recursion", () => {
    const nodes = Array.from({ length: 50_000 }, (_, i) => `n${i}`);
    const chain = nodes.slice(1).map((n, i) => ({ source: nodes[i], target: n }));
    expect(findCycles(nodes, [...chain, { source: "n49999", target: "n0" }])).toHaveLength(1);
  });
});
