import { describe, expect, it } from "vitest";
import type { TraceEntry } from "@/engine/interpreter/types";
import { MIN_BAR_PERCENT, barGeometry, displayStatus, timelineTotal } from "./geometry";

function entry(startedAt: number, durationMs: number): TraceEntry {
  return { blockId: "b", blockName: "b", type: "code", status: "ok", startedAt, durationMs, attempts: 1, logs: [] };
}

describe("barGeometry", () => {
  it("places a bar by start and duration relative to the total", () => {
    expect(barGeometry(entry(25, 50), 100)).toEqual({ left: 25, width: 50 });
  });

  it("gives instant blocks a minimum visible width", () => {
    expect(barGeometry(entry(10, 0), 100)).toEqual({ left: 10, width: MIN_BAR_PERCENT });
  });

  it("keeps a bar at the very end inside the track", () => {
    const g = barGeometry(entry(100, 0), 100);
    expect(g.left + g.width).toBeCloseTo(100);
    expect(g.width).toBe(MIN_BAR_PERCENT);
  });

  it("clamps entries past the total and survives a zero or bad total", () => {
    expect(barGeometry(entry(50, 500), 100)).toEqual({ left: 0, width: 100 });
    expect(barGeometry(entry(0, 0), 0)).toEqual({ left: 0, width: MIN_BAR_PERCENT });
    expect(barGeometry(entry(Number.NaN, -3), Number.NaN)).toEqual({ left: 0, width: MIN_BAR_PERCENT });
  });
});

describe("timelineTotal", () => {
  it("is the run duration, or the latest end when that is later", () => {
    expect(timelineTotal([entry(0, 10)], 40)).toBe(40);
    expect(timelineTotal([entry(30, 20)], 40)).toBe(50);
    expect(timelineTotal([], 0)).toBe(1);
  });
});

describe("displayStatus", () => {
  it("shows errors as errors, cut blocks as cancelled", () => {
    expect(displayStatus({ status: "ok" })).toBe("ok");
    expect(displayStatus({ status: "skipped" })).toBe("skipped");
    expect(displayStatus({ status: "skipped", cancelled: true })).toBe("cancelled");
    expect(displayStatus({ status: "error", cancelled: true })).toBe("error");
  });
});
