export type TemplateSegment = { kind: "text"; text: string } | { kind: "expression"; source: string };

/** Index after the string literal that opens at `i`, or -1 when it does not close on its line. */
function skipString(t: string, i: number, quote: string): number {
  for (let j = i + 1; j < t.length; j++) {
    const c = t[j];
    if (c === "\\") j++;
    else if (c === quote) return j + 1;
    else if (c === "\n") return -1;
  }
  return -1;
}

/**
 * Where the `}}` closing an expression that starts at `from` is, skipping braces and string
 * literals so that `{{ "}}" }}` and `{{ {a: {b: 1}} }}` work. -1 when nothing closes it.
 */
function findClose(t: string, from: number): number {
  // "{" an object/block brace, "`" inside a template literal, "${" a substitution in one.
  const stack: string[] = [];
  let i = from;
  while (i < t.length) {
    const c = t[i];
    const top = stack[stack.length - 1];
    if (top === "`") {
      const substitution = c === "$" && t[i + 1] === "{";
      if (c === "`") stack.pop();
      else if (substitution) stack.push("${");
      i += c === "\\" || substitution ? 2 : 1;
      continue;
    }
    if (c === '"' || c === "'") {
      i = skipString(t, i, c);
      if (i === -1) return -1;
    } else if (c === "`" || c === "{") {
      stack.push(c);
      i++;
    } else if (c === "}") {
      if (stack.length === 0 && t[i + 1] === "}") return i;
      stack.pop();
      i++;
    } else i++;
  }
  return -1;
}

/**
 * Splits a template into text and `{{ expression }}` segments. An expression the quote-aware
 * scan cannot close (an unbalanced quote) ends at the next `}}`, so the sandbox reports the
 * syntax error; a `{{` with no `}}` after it is text.
 */
export function parseTemplate(text: string): TemplateSegment[] {
  const out: TemplateSegment[] = [];
  let textStart = 0;
  let open = text.indexOf("{{");
  while (open !== -1) {
    let close = findClose(text, open + 2);
    if (close === -1) close = text.indexOf("}}", open + 2);
    if (close === -1) break;
    if (open > textStart) out.push({ kind: "text", text: text.slice(textStart, open) });
    out.push({ kind: "expression", source: text.slice(open + 2, close).trim() });
    textStart = close + 2;
    open = text.indexOf("{{", textStart);
  }
  if (textStart < text.length) out.push({ kind: "text", text: text.slice(textStart) });
  return out;
}
