import type { TemplateSegment } from "./parse-template";

/**
 * The expression of a template that is exactly one `{{ expr }}` with only whitespace around
 * it (such a template yields the value itself, not a string), else null.
 */
export function singleExpression(segments: readonly TemplateSegment[]): string | null {
  let found: string | null = null;
  for (const s of segments) {
    if (s.kind === "text") {
      if (s.text.trim() !== "") return null;
    } else if (found !== null) {
      return null;
    } else {
      found = s.source;
    }
  }
  return found;
}
