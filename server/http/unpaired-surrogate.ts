/** A UTF-16 surrogate without its pair: not text, and nothing downstream (the database driver) can encode it. */
const UNPAIRED = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The path (`name`, `tree.components.0.props.text`) of the first string in a parsed JSON body,
 * key or value, that holds an unpaired surrogate (`"\ud800"`), or null when all are text. Walks
 * without recursion, so a deeply nested body cannot overflow the stack.
 */
export function findUnpairedSurrogate(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, ""]];
  while (stack.length > 0) {
    const [v, path] = stack.pop() ?? [null, ""];
    if (typeof v === "string") {
      if (UNPAIRED.test(v)) return path;
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, path ? `${path}.${i}` : String(i)]));
    } else if (typeof v === "object" && v !== null) {
      for (const [k, item] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (UNPAIRED.test(k)) return at;
        stack.push([item, at]);
      }
    }
  }
  return null;
}
