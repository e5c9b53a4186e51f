import type { ReactNode } from "react";
import type { PageComponent } from "@/engine/pages";

/**
 * What the runtime hands every widget. Widgets only render and report: the runtime owns the
 * state store, evaluates `{{ }}` templates before `props` arrive here, and runs event handlers.
 */
export interface WidgetProps {
  component: PageComponent;
  /** Props ALREADY evaluated: templates resolved by the runtime. Values may be anything. */
  props: Record<string, unknown>;
  /** This component's state, e.g. `{ value }` or `{ selectedRow, selectedIndex, searchText }`. */
  state: Record<string, unknown>;
  /** Merges a patch into this component's state; must apply before a following `fire` reads it. */
  setState: (patch: Record<string, unknown>) => void;
  /** Runs the component's handlers for that event; `extraScope` is visible to them (e.g. `row`). */
  fire: (event: string, extraScope?: Record<string, unknown>) => void;
  /** A function the component is bound to is running: show a loading state. */
  loading: boolean;
  /** Container/form children, already rendered (a nested PageGrid). */
  children?: ReactNode;
}

/** The attributes every widget root carries, so tests and the editor can find it. */
export function rootAttrs(component: PageComponent): { "data-component-name": string; "data-component-type": string } {
  return { "data-component-name": component.name, "data-component-type": component.type };
}
