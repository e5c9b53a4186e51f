import { describe, expect, it } from "vitest";
import { blockNamed, testGraph } from "../graph/test-graph";
import type { Clock } from "../ports";
import { createTraceRecorder } from "./trace-recorder";

describe("createTraceRecorder", () => {
  it("times entries from the run start, abandons and seals", () => {
    let now = 100;
    const clock: Clock = { now: () => now, sleep: async () => {} };
    const g = testGraph({ a: "code", b: "code", c: "code" }, []);
    const t = createTraceRecorder(clock, 100);
    now = 105;
    const a = t.begin(blockNamed(g, "a"));
    t.begin(blockNamed(g, "b"), 2);
    a.logs.push({ level: "log", message: "hi", t: 1 });
    now = 110;
    t.end(a, { status: "ok" });
    t.abandon("b");
    t.begin(blockNamed(g, "c"));
    expect(t.running()).toEqual(["c"]);
    t.seal({ code: "RUN_TIMEOUT", message: "late", status: 504 });
    t.skip(blockNamed(g, "a"));
    expect(t.entries.map((e) => [e.blockName, e.status, e.startedAt, e.durationMs, e.iteration, e.cancelled])).toEqual([
      ["a", "ok", 5, 5, undefined, undefined],
      ["b", "skipped", 5, 5, 2, true],
      ["c", "error", 10, 0, undefined, true],
    ]);
    expect(t.logs()).toEqual([{ block: "a", level: "log", message: "hi", t: 6 }]);
  });
});

describe("createTraceRecorder past its cap", () => {
  it("keeps at most maxEntries, counts the rest, and keeps the log lines of those that logged", () => {
    const clock: Clock = { now: () => 0, sleep: async () => {} };
    const g = testGraph({ a: "code", b: "code", c: "code" }, []);
    const t = createTraceRecorder(clock, 0, 2);
    t.begin(blockNamed(g, "a"));
    t.skip(blockNamed(g, "b"));
    const c = t.begin(blockNamed(g, "c"));
    c.logs.push({ level: "log", message: "late", t: 1 });
    t.logged(c);
    t.end(c, { status: "ok" });
    expect(t.entries.map((e) => e.blockName)).toEqual(["a", "b"]);
    expect(t.omitted()).toBe(1);
    expect(t.logs()).toEqual([{ block: "c", level: "log", message: "late", t: 1 }]);
  });
});
