import type { StoredMarker } from "@/engine/contract/runs";
import { jsonDeeperThan } from "@/engine/interpreter";

/**
 * Stored JSON that never throws. A run's documents are what the call accepted and what the
 * function made of it; storing them must not fail after the function ran (issue 13, failure 5:
 * an argument nested 5,000 levels deep overflowed the stack in `JSON.stringify`, so the call
 * answered 500 with no run id and no history). So:
 *
 * - the common case is `JSON.stringify` (native, fast);
 * - when it throws (too deep for the stack, a cycle, a BigInt, a throwing `toJSON`), the same
 *   text is made by an iterative walker with its own stack (cycles become `"[Circular]"`,
 *   BigInts their decimal string), which keeps text only up to the cap and counts the rest;
 * - a document over its cap, or nested deeper than MAX_STORED_DEPTH (its readers, the history
 *   routes and the Logs tab, would overflow their own stacks on it), is stored as the marker
 *   `{ truncated: true, size, preview }`.
 */

/** Deeper documents are stored as the marker: readers serialise and render recursively. */
export const MAX_STORED_DEPTH = 256;
/** How much of a document over its cap the marker keeps. */
const PREVIEW_CHARS = 4096;

/** JSON text of `value` (undefined → null), or the marker's text when it is over `cap` characters or too deep. */
export function cappedJson(value: unknown, cap: number): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value) ?? "null";
  } catch {
    // too deep for the stack, a cycle, a BigInt, a throwing toJSON: the walker below
  }
  if (text !== undefined) {
    if (text.length <= cap && !jsonDeeperThan(text, MAX_STORED_DEPTH)) return text;
    return marker(text.length, text.slice(0, Math.min(cap, PREVIEW_CHARS)));
  }
  const w = walk(value, cap);
  if (w.complete && w.size <= cap && !jsonDeeperThan(w.text, MAX_STORED_DEPTH)) return w.text;
  return marker(w.size, w.text.slice(0, Math.min(cap, PREVIEW_CHARS)));
}

/** Complete JSON text of `value` that never throws (undefined → null), or null when not even the walker could read it. */
export function safeStringify(value: unknown): string | null {
  try {
    return JSON.stringify(value) ?? "null";
  } catch {
    const w = walk(value, Number.POSITIVE_INFINITY);
    return w.complete ? w.text : null;
  }
}

function marker(size: number, preview: string): string {
  const m: StoredMarker = { truncated: true, size, preview };
  return JSON.stringify(m);
}

type Frame =
  | { kind: "array"; node: object; items: readonly unknown[]; i: number }
  | { kind: "object"; node: object; keys: string[]; i: number; wrote: boolean };

/** A value as JSON.stringify sees it: `toJSON` applied (a throwing one gives undefined). */
function prepare(value: unknown, key: string): unknown {
  if (value === null || typeof value !== "object") return value;
  const toJSON: unknown = Reflect.get(value, "toJSON");
  if (typeof toJSON !== "function") return value;
  try {
    return Reflect.apply(toJSON, value, [key]);
  } catch {
    return undefined;
  }
}

/** A scalar's JSON text; undefined for what JSON leaves out (undefined, functions, symbols). */
function scalar(v: unknown): string | undefined {
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
      return Number.isFinite(v) ? String(v) : "null";
    case "boolean":
      return v ? "true" : "false";
    case "bigint":
      return JSON.stringify(v.toString());
    case "object":
      return "null"; // only null reaches here
    default:
      return undefined;
  }
}

/**
 * JSON text made with an explicit stack, never the call stack. Text is kept up to (a little
 * past) `keep` characters; `size` counts all of it. Anything that still throws (a getter, say)
 * ends the walk: `complete` is then false.
 */
export function walk(root: unknown, keep: number): { text: string; size: number; complete: boolean } {
  const parts: string[] = [];
  let size = 0;
  const put = (s: string) => {
    if (size <= keep) parts.push(s);
    size += s.length;
  };
  const frames: Frame[] = [];
  const onPath = new Set<object>();
  const enter = (v: unknown) => {
    if (v === null || typeof v !== "object") {
      put(scalar(v) ?? "null");
      return;
    }
    if (onPath.has(v)) {
      put('"[Circular]"');
      return;
    }
    onPath.add(v);
    if (Array.isArray(v)) {
      put("[");
      frames.push({ kind: "array", node: v, items: v, i: 0 });
    } else {
      put("{");
      frames.push({ kind: "object", node: v, keys: Object.keys(v), i: 0, wrote: false });
    }
  };
  try {
    enter(prepare(root, ""));
    while (frames.length > 0) {
      const f = frames[frames.length - 1];
      if (f.kind === "array") {
        if (f.i >= f.items.length) {
          put("]");
          onPath.delete(f.node);
          frames.pop();
          continue;
        }
        const idx = f.i++;
        if (idx > 0) put(",");
        const v = prepare(f.items[idx], String(idx));
        if (v !== null && typeof v !== "object" && scalar(v) === undefined) put("null");
        else enter(v);
      } else {
        if (f.i >= f.keys.length) {
          put("}");
          onPath.delete(f.node);
          frames.pop();
          continue;
        }
        const key = f.keys[f.i++];
        const v = prepare(Reflect.get(f.node, key), key);
        if (v !== null && typeof v !== "object" && scalar(v) === undefined) continue;
        if (f.wrote) put(",");
        f.wrote = true;
        put(`${JSON.stringify(key)}:`);
        enter(v);
      }
    }
  } catch {
    // A getter or proxy that throws: what was made so far is not valid JSON; callers store it
    // only as a marker's preview.
    return { text: parts.join(""), size, complete: false };
  }
  return { text: parts.join(""), size, complete: true };
}
