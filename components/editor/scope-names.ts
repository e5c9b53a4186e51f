import { isEntry } from "@/engine/blocks";
import { CurrentUser } from "@/engine/contract/current-user";
import type { RunOutcome } from "@/engine/interpreter";
import type { FunctionDefinition } from "@/engine/model";
import type { ScopeName } from "./inspector/code-editor";

/** Field paths of a JSON value, a few levels deep (`data`, `data.rows`, `data.0`…). */
function fieldPaths(value: unknown, prefix: string, depth: number, out: string[]): void {
  if (depth === 0 || value === null || typeof value !== "object") return;
  const entries = Array.isArray(value) ? (value.length ? [["0", value[0]] as const] : []) : Object.entries(value).slice(0, 50);
  for (const [k, v] of entries) {
    const path = prefix ? `${prefix}.${k}` : k;
    out.push(path);
    fieldPaths(v, path, depth - 1, out);
  }
}

function outputOf(outcome: RunOutcome | null, blockId: string): unknown {
  const entry = outcome?.trace.find((t) => t.blockId === blockId && t.output && !t.output.truncated);
  if (!entry?.output) return undefined;
  try {
    return JSON.parse(entry.output.json);
  } catch {
    return undefined;
  }
}

/** What code and templates can name: parameters, blocks (with `.data` fields a previous run showed), loop and handler names, `currentUser`. */
export function scopeNames(def: FunctionDefinition, outcome: RunOutcome | null): ScopeName[] {
  const names: ScopeName[] = def.params.map((p) => ({ name: p.name, detail: `parameter · ${p.type}` }));
  for (const b of def.graph.blocks) {
    // Entries are read through their own names: the parameters, and `error` on a handler's path.
    if (isEntry(b.type)) continue;
    const fields = ["data", "error", "metadata"];
    const out = outputOf(outcome, b.id);
    if (out !== undefined) fieldPaths(out, "data", 3, fields);
    names.push({ name: b.name, detail: `block · ${b.type}`, fields });
  }
  names.push(
    { name: "item", detail: "loop item" },
    { name: "index", detail: "loop index" },
    { name: "error", detail: "error handler" },
    { name: "currentUser", detail: "who runs it (null if no one signed in)", fields: Object.keys(CurrentUser.shape) },
  );
  return names;
}
