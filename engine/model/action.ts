import { z } from "zod";
import { Identifier } from "./identifier";

/** A `{{ }}` template evaluated on the page against the app state (read-only). */
const Template = z.string().max(100_000);

/**
 * What an event handler does. Pages run these on component events (click, change, submit,
 * row select) and on a function's success or failure. A run action has its own follow-ups.
 */
export type Action =
  | { type: "runFunction"; function: string; params: Record<string, string>; confirm?: string; onSuccess: Action[]; onFailure: Action[] }
  | { type: "notify"; message: string; level: "info" | "success" | "warning" | "error" }
  | { type: "setValue"; component: string; value: string }
  | { type: "openUrl"; url: string; newTab: boolean }
  | { type: "openPage"; page: string; query: Record<string, string> }
  | { type: "copy"; text: string };

export const Action: z.ZodType<Action, z.input<z.ZodType<Action>>> = z.lazy(() =>
  z.discriminatedUnion("type", [
    z.object({
      type: z.literal("runFunction"),
      /** The function's name, as pages read it (`getCustomers.data`). */
      function: Identifier,
      /** Parameter name → template. */
      params: z.record(Identifier, Template).default({}),
      /** When set, the user confirms this message first; cancelling runs nothing. */
      confirm: Template.optional(),
      onSuccess: z.array(Action).max(20).default([]),
      onFailure: z.array(Action).max(20).default([]),
    }),
    z.object({
      type: z.literal("notify"),
      message: Template,
      level: z.enum(["info", "success", "warning", "error"]).default("info"),
    }),
    z.object({ type: z.literal("setValue"), component: Identifier, value: Template }),
    z.object({ type: z.literal("openUrl"), url: Template, newTab: z.boolean().default(false) }),
    z.object({ type: z.literal("openPage"), page: z.string().min(1).max(80), query: z.record(z.string(), Template).default({}) }),
    z.object({ type: z.literal("copy"), text: Template }),
  ]),
);

/** A function's own handlers: what pages do after any run of it succeeds or fails. */
export const FunctionEvents = z.object({
  onSuccess: z.array(Action).max(20).default([]),
  onFailure: z.array(Action).max(20).default([]),
});
export type FunctionEvents = z.infer<typeof FunctionEvents>;
