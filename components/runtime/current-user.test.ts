import { describe, expect, it } from "vitest";
import type { CurrentUser } from "@/engine/contract/current-user";
import type { PageTree } from "@/engine/pages/schema";
import { createAppState } from "./app-state";
import { evaluateTemplate } from "./expressions";
import { initialAppState } from "./initial-state";
import { createPageRuntime, type PageContext } from "./page-runtime";
import { scopeOf } from "./state-scope";

const ada: CurrentUser = { id: "u1", email: "ada@example.com", name: "Ada", role: "editor", groups: ["ops"] };
const emptyTree: PageTree = { version: 1, components: [], bindings: {} };
const stateFor = (currentUser: CurrentUser | null) => initialAppState({ functionNames: [], tree: emptyTree, pageName: "home", urlQuery: {}, currentUser });
const ctx: PageContext = { confirm: async () => true, notify: () => undefined, openUrl: () => undefined, navigate: () => undefined, copy: () => undefined };

describe("currentUser in page expressions", () => {
  it("shows the signed-in person's fields", () => {
    const state = stateFor(ada);
    expect(evaluateTemplate("Hello {{ currentUser.name }} <{{ currentUser.email }}>", state)).toEqual({ ok: true, value: "Hello Ada <ada@example.com>" });
    expect(evaluateTemplate("{{ currentUser.groups.includes('ops') && currentUser.role !== 'user' }}", state)).toEqual({ ok: true, value: true });
    expect(evaluateTemplate("{{ currentUser.id }}", state)).toEqual({ ok: true, value: "u1" });
  });

  it("is null when no one is signed in", () => {
    const state = stateFor(null);
    expect(state.currentUser).toBeNull();
    expect(evaluateTemplate("{{ currentUser }}", state)).toEqual({ ok: true, value: null });
    expect(evaluateTemplate("{{ currentUser?.name ?? 'guest' }}", state)).toEqual({ ok: true, value: "guest" });
  });

  it("is a frozen copy of the schema's fields: expressions cannot change it, the caller's object is untouched", () => {
    const fromServer = { ...ada, groups: [...ada.groups], token: "secret" };
    const store = createAppState(stateFor(fromServer));
    expect(store.get().currentUser).toEqual(ada);
    expect(evaluateTemplate("{{ currentUser.role = 'admin' }}", store.get()).ok).toBe(false);
    expect(evaluateTemplate("{{ currentUser.groups.push('admins') }}", store.get()).ok).toBe(false);
    expect(store.get().currentUser).toEqual(ada);
    expect(Object.isFrozen(fromServer)).toBe(false);
    expect(fromServer.groups).toEqual(["ops"]);
  });

  it("wins over a component or function of that name (the schema refuses such names anyway)", () => {
    const state = stateFor(ada);
    const clash = createAppState({ ...state, components: { currentUser: { value: "forged" } } }).get();
    expect(scopeOf(clash).currentUser).toEqual(ada);
  });

  it("comes from the page runtime's currentUser option", () => {
    const runtime = createPageRuntime({ appFunctions: [], tree: emptyTree, pageName: "home", urlQuery: {}, currentUser: ada, ctx });
    expect(evaluateTemplate("{{ currentUser.name }}", runtime.store.get())).toEqual({ ok: true, value: "Ada" });
    const anonymous = createPageRuntime({ appFunctions: [], tree: emptyTree, pageName: "home", urlQuery: {}, currentUser: null, ctx });
    expect(anonymous.store.get().currentUser).toBeNull();
  });
});
