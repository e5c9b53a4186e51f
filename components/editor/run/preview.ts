import type { OutputPreview } from "@/engine/interpreter/types";

export type ParsedPreview =
  | { kind: "json"; value: unknown; size: number }
  | { kind: "text"; text: string; size: number; truncated: boolean };

/** A block's output preview: the JSON value when it is whole, else its raw (cut) text. */
export function parsePreview(preview: OutputPreview): ParsedPreview {
  if (!preview.truncated) {
    try {
      // `as unknown`: JSON.parse is typed `any`; the tree takes any JSON value.
      return { kind: "json", value: JSON.parse(preview.json) as unknown, size: preview.size };
    } catch {
      // Not JSON after all (should not happen): show the text.
    }
  }
  return { kind: "text", text: preview.json, size: preview.size, truncated: preview.truncated };
}
