import { describe, expect, it } from "vitest";
import { idleToRetire, pickIdle, victimsFor, type SlotView } from "./affinity";

const slot = (state: SlotView["state"], owner: string | null, lastUsed = 0): SlotView => ({ state, owner, lastUsed });

describe("pickIdle", () => {
  it("prefers an idle process of the same key, then a clean one, never another key's", () => {
    const a = slot("idle", "a");
    const clean = slot("idle", null);
    const b = slot("idle", "b");
    expect(pickIdle([clean, b, a], "a")).toBe(a);
    expect(pickIdle([b, clean], "a")).toBe(clean);
    expect(pickIdle([b, slot("busy", "a"), slot("starting", null)], "a")).toBeUndefined();
  });

  it("waits for a process of the same key that answered and checks its state, rather than take the spare; a running one does not hold it back", () => {
    const clean = slot("idle", null);
    const checking: SlotView = { ...slot("busy", "a"), job: null };
    const running: SlotView = { ...slot("busy", "a"), job: {} };
    expect(pickIdle([checking, clean], "a")).toBeUndefined();
    expect(pickIdle([checking, clean], "b")).toBe(clean);
    expect(pickIdle([running, clean], "a")).toBe(clean);
  });
});

describe("victimsFor", () => {
  it("recycles the least recently used idle process of a key nobody waits for", () => {
    const old = slot("idle", "x", 1);
    const recent = slot("idle", "y", 5);
    expect(victimsFor([recent, old], new Set(["z"]))).toEqual([old]);
  });

  it("recycles nothing when a clean process is idle or starting, or the key has a process", () => {
    expect(victimsFor([slot("idle", "x"), slot("starting", null)], new Set(["z"]))).toEqual([]);
    expect(victimsFor([slot("idle", "x"), slot("idle", null)], new Set(["z"]))).toEqual([]);
    expect(victimsFor([slot("idle", "x"), slot("busy", "z")], new Set(["z"]))).toEqual([]);
  });

  it("never recycles a process whose key is waiting, nor a busy one", () => {
    expect(victimsFor([slot("idle", "z"), slot("busy", "x")], new Set(["z", "w"]))).toEqual([]);
  });

  it("recycles one per unserved key", () => {
    const s = [slot("idle", "x", 1), slot("idle", "y", 2), slot("idle", "v", 3)];
    expect(victimsFor(s, new Set(["p", "q"]))).toEqual([s[0], s[1]]);
  });
});

describe("growing and shrinking", () => {
  it("recycles nothing while the pool may still add a process for the waiting key", () => {
    const s = [slot("idle", "x", 1), slot("idle", "y", 2)];
    expect(victimsFor(s, new Set(["z"]), 1)).toEqual([]);
    expect(victimsFor(s, new Set(["z"]), 0)).toEqual([s[0]]);
  });

  it("gives up idle processes of keys not used lately, oldest first, keeping the minimum alive", () => {
    const old = slot("idle", "x", 0);
    const older = slot("idle", "y", -10);
    const recent = slot("idle", "z", 990);
    const spare = slot("idle", null, 0);
    expect(idleToRetire([old, older, recent, spare], 1000, 500, 2)).toEqual([older, old]);
    expect(idleToRetire([old, older, recent, spare], 1000, 500, 3)).toEqual([older]);
    expect(idleToRetire([old, slot("busy", "y", 0)], 1000, 500, 1)).toEqual([old]);
    expect(idleToRetire([old, spare], 1000, 500, 2)).toEqual([]);
  });
});
