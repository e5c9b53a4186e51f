import { frozenCurrentUser, type CurrentUser } from "@/engine/contract/current-user";
import type { PageComponent, PageTree } from "@/engine/pages/schema";
import { emptyFunctionState, type AppState, type ComponentState, type FunctionState } from "./app-state";
import { evaluateTemplate } from "./expressions";
import { freezeValue } from "./freeze-value";

function frozenState(state: AppState): AppState {
  return freezeValue(state) as AppState; // a frozen copy of plain data keeps its shape
}

/** The value an input holds when its `defaultValue` is unset or fails. */
const EMPTY_VALUE: Partial<Record<PageComponent["type"], unknown>> = {
  textInput: "",
  numberInput: null,
  select: null,
  checkbox: false,
  datePicker: "",
};

function defaultValue(component: PageComponent, state: AppState): unknown {
  const empty = EMPTY_VALUE[component.type];
  const prop = component.props.defaultValue;
  if (prop === undefined || prop === null || prop === "") return empty;
  if (typeof prop !== "string") return prop;
  const r = evaluateTemplate(prop, state);
  return r.ok && r.value !== undefined && r.value !== null ? r.value : empty;
}

/**
 * A component's state when the page opens, or null for types that hold none (button,
 * text, json, container). Inputs start at their evaluated `defaultValue`, else empty.
 */
export function initialComponentState(component: PageComponent, state: AppState): ComponentState | null {
  switch (component.type) {
    case "textInput":
    case "numberInput":
    case "select":
    case "checkbox":
    case "datePicker":
      return { value: defaultValue(component, state) };
    case "table":
      return { selectedRow: null, selectedIndex: null, searchText: "" };
    case "form":
      return { data: {} };
    default:
      return null;
  }
}

export interface InitialStateInput {
  functionNames: readonly string[];
  tree: PageTree;
  pageName: string;
  urlQuery: Readonly<Record<string, string>>;
  /**
   * The signed-in person (the runtime payload's `currentUser`), or null when no one is. Left
   * out (runtimes built without a payload, in tests), pages see the placeholder `{ name: "You" }`.
   */
  currentUser?: CurrentUser | null;
}

/**
 * The state a page starts from: every function empty, every component at its initial state.
 * A `defaultValue` reads the built-ins and the components before it in the tree.
 */
export function initialAppState(input: InitialStateInput): AppState {
  const functions: Record<string, FunctionState> = {};
  for (const name of input.functionNames) functions[name] = emptyFunctionState();
  // Frozen at every step: `defaultValue` expressions read it, and must not change it.
  let state = frozenState({
    functions,
    components: {},
    page: { name: input.pageName },
    url: { query: { ...input.urlQuery } },
    currentUser: input.currentUser === undefined ? { name: "You" } : frozenCurrentUser(input.currentUser),
  });
  for (const c of input.tree.components) {
    const initial = initialComponentState(c, state);
    if (initial) state = frozenState({ ...state, components: { ...state.components, [c.name]: initial } });
  }
  return state;
}
