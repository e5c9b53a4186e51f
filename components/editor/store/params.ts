import { ParamDef, type FunctionDefinition } from "@/engine/model";
import type { z } from "zod";
import { refuse, withGraph, type CreateResult, type EditResult } from "./edit-result";
import { renameReferences } from "./rename-references";
import { nameProblem, takenNames, uniqueName } from "./unique-names";

/** What callers write for a parameter: schema defaults (`required`, `description`) not yet applied. */
export type ParamInput = z.input<typeof ParamDef>;

function withoutUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function parseParam(input: Record<string, unknown>): { ok: true; param: ParamDef } | { ok: false; reason: string } {
  const parsed = ParamDef.safeParse(withoutUndefined(input));
  if (parsed.success) return { ok: true, param: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `${issue?.path.join(".") || "parameter"}: ${issue?.message ?? "invalid"}` };
}

/** Appends a parameter; without a name it is `param1`, `param2`…, of type string by default. */
export function addParam(def: FunctionDefinition, input: Partial<ParamInput> = {}): CreateResult {
  const name = input.name ?? uniqueName("param", takenNames(def));
  const problem = nameProblem(def, name);
  if (problem) return refuse(def, problem);
  const parsed = parseParam({ type: "string", ...input, name });
  if (!parsed.ok) return refuse(def, parsed.reason);
  return { ok: true, id: name, def: { ...def, params: [...def.params, parsed.param] } };
}

/** Removes the parameter `name`; references to it are left for validation and the builder. */
export function removeParam(def: FunctionDefinition, name: string): FunctionDefinition {
  const params = def.params.filter((p) => p.name !== name);
  return params.length === def.params.length ? def : { ...def, params };
}

/** Moves the parameter at index `from` to index `to` (clamped); the order is the form's order. */
export function moveParam(def: FunctionDefinition, from: number, to: number): FunctionDefinition {
  const n = def.params.length;
  if (from < 0 || from >= n) return def;
  const target = Math.max(0, Math.min(n - 1, to));
  if (target === from) return def;
  const params = [...def.params];
  const [moved] = params.splice(from, 1);
  params.splice(target, 0, moved);
  return { ...def, params };
}

/**
 * Changes parameter `name`, validated with the `ParamDef` schema. A new `name` must be free and
 * every reference to the old one is rewritten, as `renameBlock` does. `default: undefined`
 * clears the default.
 */
export function updateParam(def: FunctionDefinition, name: string, patch: Partial<ParamInput>): EditResult {
  const index = def.params.findIndex((p) => p.name === name);
  if (index === -1) return refuse(def, `No parameter named "${name}"`);
  const newName = patch.name ?? name;
  if (newName !== name) {
    const problem = nameProblem(def, newName, { param: name });
    if (problem) return refuse(def, problem);
  }
  const parsed = parseParam({ ...def.params[index], ...patch });
  if (!parsed.ok) return refuse(def, parsed.reason);
  const params = def.params.map((p, i) => (i === index ? parsed.param : p));
  if (newName === name) return { ok: true, def: { ...def, params } };
  const blocks = renameReferences(def, new Map([[name, newName]]));
  return { ok: true, def: withGraph({ ...def, params }, { blocks }) };
}

/** Renames a parameter and rewrites every reference to it. */
export function renameParam(def: FunctionDefinition, name: string, newName: string): EditResult {
  return updateParam(def, name, { name: newName });
}
