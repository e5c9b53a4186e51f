import { parseTemplate } from "./parse-template";
import { singleExpression } from "./single-expression";

// Runs in the sandbox: the same rules as stringifyValue in the host.
const STRINGIFY = "(v) => v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)";

/**
 * One JavaScript expression for a field that the schema calls "an expression" (branch
 * conditions, a loop's source): `{{ x }}` gives `x`; text without `{{` is itself the
 * expression; mixed text gives the string concatenation, stringified in the sandbox.
 */
export function templateToExpression(text: string): string {
  if (!text.includes("{{")) return text.trim() === "" ? "undefined" : text;
  const segments = parseTemplate(text);
  const single = singleExpression(segments);
  if (single !== null) return single === "" ? "undefined" : single;
  const parts = segments.map((s) => (s.kind === "text" ? JSON.stringify(s.text) : `__s((${s.source || "undefined"}\n))`));
  return `((__s) => ${parts.join(" + ")})(${STRINGIFY})`;
}
