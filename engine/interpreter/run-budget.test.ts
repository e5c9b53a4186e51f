import { describe, expect, it } from "vitest";
import type { LogEntry } from "../sandbox/types";
import { createRunBudget, DataBudget, LogBudget, PreviewBudget } from "./run-budget";

const line = (message: string, t = 0): LogEntry => ({ level: "log", message, t });
const same = (l: LogEntry) => ({ ...l });

describe("LogBudget", () => {
  it("keeps lines while they fit, then one marker kept up to date with what was dropped", () => {
    const b = new LogBudget(1024);
    const out: LogEntry[] = [];
    expect(b.take([line("a".repeat(300)), line("b".repeat(300))], false, out, same)).toBe(false);
    expect(b.remaining()).toBe(1024 - 680);
    expect(b.take([line("c".repeat(300)), line("d".repeat(300))], false, out, same)).toBe(true);
    expect(b.take([line("e".repeat(50))], false, out, same)).toBe(true);
    expect(out.map((l) => l.message.slice(0, 1))).toEqual(["a", "b", "c", "L"]);
    expect(out.at(-1)?.message).toBe("Logs truncated: this run's logs are limited to 1024 bytes; 350 bytes dropped");
    expect(b.remaining()).toBe(0);
    expect(b.usedBytes).toBeLessThanOrEqual(1024);
  });

  it("keeps the start of the line that crosses the budget when there is room for it", () => {
    const b = new LogBudget(2000);
    const out: LogEntry[] = [];
    b.take([line("a".repeat(3000))], false, out, same);
    expect(out[0].message).toHaveLength(2000 - 40);
    expect(b.droppedBytes).toBe(1040);
    expect(b.usedBytes).toBe(2000);
  });

  it("replaces a sandbox's final note by the run's marker and adds what the sandbox dropped", () => {
    const b = new LogBudget(1024);
    const out: LogEntry[] = [];
    const note: LogEntry = { level: "warn", message: "Logs truncated: this run printed more than 500 bytes; 12345 bytes dropped", t: 3 };
    b.take([line("a".repeat(100)), note], true, out, same);
    expect(out.map((l) => l.message)).toEqual(["a".repeat(100), "Logs truncated: this run's logs are limited to 1024 bytes; 12345 bytes dropped"]);
    b.take([{ ...note, message: "Logs truncated: this run printed more than 0 bytes" }], true, out, same);
    expect(out.at(-1)?.message).toBe("Logs truncated: this run's logs are limited to 1024 bytes; 12345 bytes dropped, and more that was not counted");
    expect(out).toHaveLength(2);
  });

  it("gives a called function what is left of its caller's budget, and shares the preview budget", () => {
    const parent = createRunBudget(1024);
    parent.logs.take([line("a".repeat(500))], false, [], same);
    const child = createRunBudget(1 << 20, parent);
    expect(child.logs.remaining()).toBe(1024 - 540);
    expect(child.previews).toBe(parent.previews);
  });
});

describe("DataBudget", () => {
  it("holds data per scope, refuses past the budget, and releases a scope's data at once", () => {
    const d = new DataBudget(100);
    const root = {};
    const iteration = {};
    d.hold(root, 40, "a");
    d.hold(iteration, 30, "b");
    d.hold(iteration, 30, "c");
    expect(() => d.hold(root, 1, "d")).toThrow(expect.objectContaining({ code: "OUTPUT_TOO_LARGE", block: "d" }));
    d.release(iteration);
    expect(d.usedBytes).toBe(40);
    d.hold(root, 60, "d");
    expect(d.usedBytes).toBe(100);
  });
});

describe("PreviewBudget", () => {
  it("grants characters until the budget is spent", () => {
    const p = new PreviewBudget(100);
    expect(p.grant(60)).toBe(60);
    expect(p.grant(60)).toBe(40);
    expect(p.grant(10)).toBe(0);
  });
});
