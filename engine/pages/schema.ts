import { z } from "zod";
import { Action } from "../model/action";
import { Identifier } from "../model/identifier";

export const PAGE_TREE_VERSION = 1;
/** The page grid: 12 columns; rows of ROW_HEIGHT px. */
export const GRID_COLUMNS = 12;
export const ROW_HEIGHT = 40;

export const ComponentType = z.enum([
  "button", "text", "textInput", "numberInput", "select", "checkbox", "datePicker", "table", "json", "container", "form",
]);
export type ComponentType = z.infer<typeof ComponentType>;

/** Events each component type raises. */
export const COMPONENT_EVENTS: Record<ComponentType, readonly string[]> = {
  button: ["click"],
  text: [],
  textInput: ["change", "submit"],
  numberInput: ["change"],
  select: ["change"],
  checkbox: ["change"],
  datePicker: ["change"],
  table: ["rowSelect"],
  json: [],
  container: [],
  form: ["submit"],
};

export const Layout = z.object({
  x: z.number().int().min(0).max(GRID_COLUMNS - 1),
  y: z.number().int().min(0).max(10_000),
  w: z.number().int().min(1).max(GRID_COLUMNS),
  h: z.number().int().min(1).max(200),
});
export type Layout = z.infer<typeof Layout>;

/** A prop value: literal JSON, or a string that may hold `{{ }}` expressions. */
const PropValue = z.json();

export const PageComponent = z
  .object({
    id: z.string().min(1).max(64),
    /** Unique in the app: expressions read `table1.selectedRow`. */
    name: Identifier,
    type: ComponentType,
    /** A container or form this component sits in; its layout is then relative to it. */
    parentId: z.string().min(1).max(64).optional(),
    layout: Layout,
    props: z.record(z.string(), PropValue).default({}),
    /** Event name → handlers run in order. */
    events: z.record(z.string(), z.array(Action).max(20)).default({}),
  })
  .refine((c) => c.layout.x + c.layout.w <= GRID_COLUMNS, { message: "The component does not fit in the 12 columns", path: ["layout"] });
export type PageComponent = z.infer<typeof PageComponent>;

/**
 * How this page feeds a function when it runs it by itself (on page load, or automatically
 * when an input changes): parameter name → template, e.g. `search: "{{ textInput1.value }}"`.
 * Parameters without a binding get the function's defaults.
 */
export const FunctionBinding = z.object({ params: z.record(Identifier, z.string().max(100_000)).default({}) });
export type FunctionBinding = z.infer<typeof FunctionBinding>;

export const PageTree = z.object({
  version: z.literal(PAGE_TREE_VERSION),
  components: z.array(PageComponent).max(500).default([]),
  /** Function name → how this page passes its parameters when it runs it by itself. */
  bindings: z.record(Identifier, FunctionBinding).default({}),
});
export type PageTree = z.infer<typeof PageTree>;

/** Problems a save refuses: duplicate ids or names, a parent that is not a container or form. */
export function pageTreeProblems(tree: PageTree): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const names = new Set<string>();
  const byId = new Map(tree.components.map((c) => [c.id, c]));
  for (const c of tree.components) {
    if (ids.has(c.id)) problems.push(`Two components have the id "${c.id}"`);
    if (names.has(c.name)) problems.push(`Two components are named "${c.name}"`);
    ids.add(c.id);
    names.add(c.name);
    if (c.parentId !== undefined) {
      const parent = byId.get(c.parentId);
      if (!parent || (parent.type !== "container" && parent.type !== "form")) {
        problems.push(`"${c.name}" sits in "${c.parentId}", which is not a container or form`);
      }
    }
  }
  return problems;
}
