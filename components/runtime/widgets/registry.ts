import type { ComponentType as ReactComponentType } from "react";
import type { ComponentType } from "@/engine/pages";
import { ButtonWidget } from "./button-widget";
import { CheckboxWidget } from "./checkbox-widget";
import { ContainerWidget } from "./container-widget";
import { DatePickerWidget } from "./date-picker-widget";
import { FormWidget } from "./form-widget";
import { JsonWidget } from "./json-widget";
import { NumberInputWidget } from "./number-input-widget";
import { SelectWidget } from "./select-widget";
import { TableWidget } from "./table-widget";
import { TextInputWidget } from "./text-input-widget";
import { TextWidget } from "./text-widget";
import type { WidgetProps } from "./types";

/** The React component that draws each component type. */
export const WIDGETS: Record<ComponentType, ReactComponentType<WidgetProps>> = {
  button: ButtonWidget,
  text: TextWidget,
  textInput: TextInputWidget,
  numberInput: NumberInputWidget,
  select: SelectWidget,
  checkbox: CheckboxWidget,
  datePicker: DatePickerWidget,
  table: TableWidget,
  json: JsonWidget,
  container: ContainerWidget,
  form: FormWidget,
};

/** Types whose children sit inside them on a nested grid. */
export const CONTAINER_TYPES: ReadonlySet<ComponentType> = new Set<ComponentType>(["container", "form"]);

/** The props a newly placed component starts with. */
export const DEFAULT_PROPS: Record<ComponentType, Record<string, unknown>> = {
  button: { label: "Button", variant: "primary" },
  text: { value: "Text" },
  textInput: { label: "Label", placeholder: "" },
  numberInput: { label: "Number" },
  select: { label: "Select", options: ["Option 1", "Option 2"], placeholder: "Choose…" },
  checkbox: { label: "Checkbox" },
  datePicker: { label: "Date" },
  table: { data: "{{ [] }}", pageSize: 10, searchable: true },
  json: { value: "{{ {} }}" },
  container: { title: "" },
  form: { title: "Form", submitLabel: "Submit" },
};

/** The size, in grid units (12 columns, ROW_HEIGHT-px rows), a newly placed component takes. */
export const DEFAULT_SIZE: Record<ComponentType, { w: number; h: number }> = {
  button: { w: 2, h: 1 },
  text: { w: 4, h: 2 },
  textInput: { w: 4, h: 2 },
  numberInput: { w: 3, h: 2 },
  select: { w: 4, h: 2 },
  checkbox: { w: 3, h: 1 },
  datePicker: { w: 3, h: 2 },
  table: { w: 12, h: 10 },
  json: { w: 6, h: 6 },
  container: { w: 6, h: 6 },
  form: { w: 6, h: 8 },
};

/**
 * How the inspector edits a prop: "template" a code-like field for `{{ }}` bindings, "text"
 * a line of text (templates still allowed), "number" and "boolean" literal controls, "json"
 * a JSON literal (or a template string).
 */
export type PropFieldKind = "template" | "text" | "number" | "boolean" | "json";

export interface PropField {
  name: string;
  label: string;
  kind: PropFieldKind;
  help?: string;
}

/** Read by the runtime (components/runtime/initial-state.ts) when the page opens. */
function defaultValue(help: string): PropField {
  return { name: "defaultValue", label: "Default value", kind: "template", help };
}

const DISABLED: PropField = { name: "disabled", label: "Disabled", kind: "boolean", help: "Or a template such as {{ !textInput1.value }}" };

/** What the page editor's inspector shows for each type, in order. */
export const PROP_FIELDS: Record<ComponentType, PropField[]> = {
  button: [
    { name: "label", label: "Label", kind: "text" },
    { name: "variant", label: "Style", kind: "text", help: "primary, secondary or danger" },
    DISABLED,
  ],
  text: [{ name: "value", label: "Text", kind: "template", help: "Markdown: # headings, **bold**, *italic*, `code`, [links](https://…), - lists" }],
  textInput: [
    { name: "label", label: "Label", kind: "text" },
    { name: "placeholder", label: "Placeholder", kind: "text" },
    defaultValue("The text when the page opens, e.g. {{ url.query.search }}"),
    DISABLED,
  ],
  numberInput: [
    { name: "label", label: "Label", kind: "text" },
    { name: "min", label: "Minimum", kind: "number" },
    { name: "max", label: "Maximum", kind: "number" },
    { name: "step", label: "Step", kind: "number", help: "Empty: any number" },
    defaultValue("The number when the page opens"),
    DISABLED,
  ],
  select: [
    { name: "label", label: "Label", kind: "text" },
    { name: "options", label: "Options", kind: "template", help: 'An array of strings or { label, value }, e.g. {{ getStatuses.data.map(s => ({ label: s.name, value: s.id })) }}' },
    { name: "placeholder", label: "Placeholder", kind: "text" },
    defaultValue("The chosen option's value when the page opens"),
    DISABLED,
  ],
  checkbox: [{ name: "label", label: "Label", kind: "text" }, defaultValue("true or false"), DISABLED],
  datePicker: [
    { name: "label", label: "Label", kind: "text" },
    { name: "min", label: "Earliest", kind: "text", help: "YYYY-MM-DD" },
    { name: "max", label: "Latest", kind: "text", help: "YYYY-MM-DD" },
    defaultValue("A YYYY-MM-DD date"),
    DISABLED,
  ],
  table: [
    { name: "data", label: "Data", kind: "template", help: "An array of objects, e.g. {{ getUsers.data }}" },
    { name: "columns", label: "Columns", kind: "json", help: 'Keys to show, in order, e.g. ["id", "name"]. Empty: every key of the first 50 rows' },
    { name: "title", label: "Title", kind: "text" },
    { name: "pageSize", label: "Rows per page", kind: "number" },
    { name: "searchable", label: "Search box", kind: "boolean" },
  ],
  json: [{ name: "value", label: "Value", kind: "template", help: "e.g. {{ getUser.data }}" }],
  container: [{ name: "title", label: "Title", kind: "text" }],
  form: [
    { name: "title", label: "Title", kind: "text" },
    { name: "submitLabel", label: "Submit label", kind: "text" },
  ],
};
