import { describe, expect, it } from "vitest";
import type { RunLog, TraceEntry } from "@/engine/interpreter/types";
import { blockIdOf, blockNameOf, filterLogs, levelClass, sortLogs } from "./logs";

const logs: RunLog[] = [
  { block: "b", level: "log", message: "b1", t: 5 },
  { block: "a", level: "warn", message: "a1", t: 1 },
  { block: "a", level: "error", message: "a2", t: 5 },
  { block: "b", level: "info", message: "b0", t: 0 },
];

const trace: TraceEntry[] = [
  { blockId: "id-a", blockName: "a", type: "code", status: "ok", startedAt: 0, durationMs: 1, attempts: 1, logs: [] },
];

describe("logs", () => {
  it("sorts by time, keeping recorded order on ties", () => {
    expect(sortLogs(logs).map((l) => l.message)).toEqual(["b0", "a1", "b1", "a2"]);
  });

  it("does not mutate its input", () => {
    const copy = [...logs];
    sortLogs(logs);
    expect(logs).toEqual(copy);
  });

  it("filters to one block by name", () => {
    expect(filterLogs(logs, "a").map((l) => l.message)).toEqual(["a1", "a2"]);
    expect(filterLogs(logs, null)).toHaveLength(4);
    expect(filterLogs(logs, "zzz")).toEqual([]);
  });

  it("maps ids and names through the trace", () => {
    expect(blockNameOf(trace, "id-a")).toBe("a");
    expect(blockNameOf(trace, "nope")).toBeNull();
    expect(blockNameOf(trace, null)).toBeNull();
    expect(blockIdOf(trace, "a")).toBe("id-a");
    expect(blockIdOf(trace, undefined)).toBeNull();
  });

  it("has a colour for every level and a fallback", () => {
    expect(levelClass("error")).toContain("red");
    expect(levelClass("weird")).toBe(levelClass("log"));
  });
});
