import { defaultDefinition } from "@/engine/model";
import { describe, expect, it } from "vitest";
import { copyBlocks } from "./clipboard";
import { createEditorStore } from "./editor-store";

function setup() {
  const definition = defaultDefinition(); // start ─▶ code1
  const store = createEditorStore({ definition, savedVersion: 1 });
  let notified = 0;
  store.subscribe(() => notified++);
  return { store, definition, notified: () => notified };
}

describe("editor store", () => {
  it("starts clean with no problems", () => {
    const { store, definition } = setup();
    expect(store.getState()).toMatchObject({ draft: definition, dirty: false, problems: [], selection: [], savedVersion: 1 });
  });

  it("adds a block: selects it, marks dirty, pins an unreachable problem on it", () => {
    const { store, notified } = setup();
    const r = store.dispatch({ type: "addBlock", blockType: "code", position: { x: 0, y: 300 } });
    expect(r).toEqual({ ok: true, ids: ["code2"] });
    const s = store.getState();
    expect(s.selection).toEqual(["code2"]);
    expect(s.dirty).toBe(true);
    expect(s.problems).toEqual([expect.objectContaining({ code: "UNREACHABLE", blockId: "code2" })]);
    expect(notified()).toBe(1);
    store.dispatch({ type: "connect", source: "code1", target: "code2" });
    expect(store.getState().problems).toEqual([]);
  });

  it("reports a refused action without changing or notifying", () => {
    const { store, notified } = setup();
    const before = store.getState();
    expect(store.dispatch({ type: "connect", source: "code1", target: "start" })).toMatchObject({ ok: false, reason: expect.stringMatching(/start/) });
    expect(store.dispatch({ type: "renameBlock", id: "code1", name: "return" })).toMatchObject({ ok: false });
    expect(store.getState()).toBe(before);
    expect(notified()).toBe(0);
  });

  it("flags a query without a resource until one is chosen", () => {
    const { store } = setup();
    const added = store.dispatch({ type: "addBlock", blockType: "query", position: { x: 0, y: 0 } });
    if (!added.ok) throw new Error(added.reason);
    const id = added.ids[0];
    store.dispatch({ type: "connect", source: "code1", target: id });
    expect(store.getState().problems).toEqual([expect.objectContaining({ code: "RESOURCE_NOT_SET", blockId: id })]);
    store.dispatch({ type: "updateBlock", id, patch: { config: { resourceId: "db" } } });
    expect(store.getState().problems).toEqual([]);
  });

  it("undoes and redoes; undoing back to the saved definition makes it clean", () => {
    const { store, definition } = setup();
    store.dispatch({ type: "renameBlock", id: "code1", name: "load" });
    expect(store.getState().dirty).toBe(true);
    store.dispatch({ type: "undo" });
    expect(store.getState()).toMatchObject({ draft: definition, dirty: false });
    store.dispatch({ type: "redo" });
    expect(store.getState().draft.graph.blocks[1].name).toBe("load");
  });

  it("coalesces a drag into one undo step and seals it at drag end", () => {
    const { store, definition } = setup();
    for (let y = 130; y <= 200; y += 10) store.dispatch({ type: "moveBlocks", positions: { code1: { x: 0, y } }, coalesceKey: "move:1" });
    store.dispatch({ type: "seal" });
    store.dispatch({ type: "moveBlocks", positions: { code1: { x: 0, y: 500 } }, coalesceKey: "move:1" });
    expect(store.getState().history.past).toHaveLength(2);
    store.dispatch({ type: "undo" });
    expect(store.getState().draft.graph.blocks[1].position).toEqual({ x: 0, y: 200 });
    store.dispatch({ type: "undo" });
    expect(store.getState().draft).toBe(definition);
  });

  it("does not re-validate while dragging, but does after a real edit", () => {
    const { store } = setup();
    store.dispatch({ type: "addBlock", blockType: "code", position: { x: 0, y: 300 } });
    const problems = store.getState().problems;
    store.dispatch({ type: "moveBlocks", positions: { code2: { x: 5, y: 305 } }, coalesceKey: "move:2" });
    expect(store.getState().problems).toBe(problems);
    store.dispatch({ type: "renameBlock", id: "code2", name: "later" });
    expect(store.getState().problems).not.toBe(problems);
    expect(store.getState().problems[0]).toMatchObject({ code: "UNREACHABLE", blockName: "later" });
  });

  it("removes the selection (blocks and edges) and prunes it; start survives", () => {
    const { store } = setup();
    store.dispatch({ type: "select", ids: ["start", "code1", "e-start-code1"] });
    store.dispatch({ type: "removeSelection" });
    const s = store.getState();
    expect(s.draft.graph.blocks.map((b) => b.id)).toEqual(["start"]);
    expect(s.draft.graph.edges).toEqual([]);
    expect(s.selection).toEqual(["start"]);
  });

  it("pastes and selects the pasted blocks", () => {
    const { store } = setup();
    const clip = copyBlocks(store.getState().draft, ["code1"]);
    expect(store.dispatch({ type: "paste", clipboard: clip, offset: { x: 20, y: 20 } })).toEqual({ ok: true, ids: ["code1_2"] });
    expect(store.getState().selection).toEqual(["code1_2"]);
    expect(store.getState().draft.graph.blocks.at(-1)?.name).toBe("code2");
  });

  it("markSaved moves the baseline; replace reloads and resets history", () => {
    const { store } = setup();
    store.dispatch({ type: "addParam" });
    const saved = store.getState().draft;
    store.dispatch({ type: "markSaved", definition: saved, version: 2 });
    expect(store.getState()).toMatchObject({ dirty: false, savedVersion: 2 });
    store.dispatch({ type: "undo" });
    expect(store.getState().dirty).toBe(true);
    const fresh = defaultDefinition();
    store.dispatch({ type: "replace", definition: fresh, version: 7 });
    expect(store.getState()).toMatchObject({ draft: fresh, saved: fresh, dirty: false, savedVersion: 7 });
    expect(store.getState().history.past).toEqual([]);
  });

  it("records no undo step for an edit that changes nothing", () => {
    const { store, notified } = setup();
    const source = store.getState().draft.graph.blocks[1].config;
    store.dispatch({ type: "updateBlock", id: "code1", patch: { config: { ...source } } });
    expect(store.getState().history.past).toHaveLength(0);
    expect(notified()).toBe(0);
  });

  it("keeps the state object when a select changes nothing", () => {
    const { store, notified } = setup();
    store.dispatch({ type: "select", ids: [] });
    expect(notified()).toBe(0);
  });
});
