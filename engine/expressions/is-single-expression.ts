import { parseTemplate } from "./parse-template";
import { singleExpression } from "./single-expression";

/** True when `text` is one `{{ expr }}` and whitespace: it evaluates to the value, not to a string. */
export function isSingleExpression(text: string): boolean {
  return singleExpression(parseTemplate(text)) !== null;
}
