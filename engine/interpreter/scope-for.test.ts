import { describe, expect, it } from "vitest";
import { blockNamed, testGraph } from "../graph/test-graph";
import { scopeFor } from "./scope-for";

describe("scopeFor", () => {
  it("keeps the names the block's text mentions, on any line", () => {
    const g = testGraph({ a: { type: "code", config: { source: "const x = users.data;\nreturn x.filter(u => u.id === userId)" } } }, []);
    const scope = { users: { data: [] }, userId: 3, orders: { data: [1] }, item: 1 };
    expect(scopeFor(blockNamed(g, "a"), scope)).toEqual({ users: { data: [] }, userId: 3 });
  });
});
