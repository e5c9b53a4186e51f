import { defaultDefinition, type FunctionDefinition } from "@/engine/model";
import { describe, expect, it } from "vitest";
import { canRedo, canUndo, createHistory, push, redo, seal, undo } from "./history";

const v = (timeoutMs: number): FunctionDefinition => ({ ...defaultDefinition(), timeoutMs });

describe("history", () => {
  it("undoes and redoes, and a new push clears redo", () => {
    const [a, b, c, d] = [v(1000), v(2000), v(3000), v(4000)];
    let h = push(push(createHistory(a), b), c);
    expect(canUndo(h)).toBe(true);
    expect(canRedo(h)).toBe(false);
    h = undo(h);
    expect(h.present).toBe(b);
    h = undo(h);
    expect(h.present).toBe(a);
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe(b);
    h = push(h, d);
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe(b);
  });

  it("merges consecutive pushes with the same coalesce key into one step", () => {
    const a = v(1000);
    let h = createHistory(a);
    for (let t = 1; t <= 5; t++) h = push(h, v(1000 + t), { coalesceKey: "source:code1" });
    expect(h.past).toEqual([a]);
    h = push(h, v(9000), { coalesceKey: "source:code2" });
    expect(h.past).toHaveLength(2);
    expect(undo(h).present.timeoutMs).toBe(1005);
    expect(undo(undo(h)).present).toBe(a);
  });

  it("starts a new step after seal, undo, or a push without the key", () => {
    let h = push(createHistory(v(1)), v(2), { coalesceKey: "move:1" });
    h = push(seal(h), v(3), { coalesceKey: "move:1" });
    expect(h.past).toHaveLength(2);
    h = push(push(h, v(4)), v(5), { coalesceKey: "move:1" });
    expect(h.past).toHaveLength(4);
    h = push(undo(h), v(6), { coalesceKey: "move:1" });
    expect(h.past).toHaveLength(4);
  });

  it("is bounded and ignores pushing the present", () => {
    let h = createHistory(v(0), 3);
    expect(push(h, h.present)).toBe(h);
    for (let t = 1; t <= 10; t++) h = push(h, v(t * 100));
    expect(h.past.map((d) => d.timeoutMs)).toEqual([700, 800, 900]);
  });
});
