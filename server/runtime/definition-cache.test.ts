import { describe, expect, it } from "vitest";
import { defaultDefinition } from "@/engine/model";
import { DefinitionCache } from "./definition-cache";

describe("DefinitionCache", () => {
  it("hands back the same validated object for the same version", () => {
    const cache = new DefinitionCache();
    const json = JSON.stringify(defaultDefinition());
    const a = cache.load("f", 1, json);
    const b = cache.load("f", 1, json);
    expect(a.ok).toBe(true);
    expect(b).toBe(a);
    expect(cache.load("f", 2, json)).not.toBe(a);
  });

  it("reports a stored document that is not JSON or not valid, never throwing", () => {
    const cache = new DefinitionCache();
    expect(cache.load("f", 1, "{oops").ok).toBe(false);
    expect(cache.load("g", 1, JSON.stringify({ schemaVersion: 1, graph: { blocks: [{ type: "x" }] } })).ok).toBe(false);
  });

  it("drops the least recently used entry past its size", () => {
    const cache = new DefinitionCache(2);
    const json = JSON.stringify(defaultDefinition());
    const a = cache.load("a", 1, json);
    cache.load("b", 1, json);
    cache.load("a", 1, json); // a is now the most recent
    cache.load("c", 1, json); // evicts b
    expect(cache.load("a", 1, json)).toBe(a);
  });
});
