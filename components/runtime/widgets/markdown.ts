/**
 * A tiny Markdown subset parsed to a small AST that markdown-view.tsx renders with React
 * elements (never as HTML strings), so nothing in the text can inject markup or script.
 *
 * Blocks: paragraphs (blank-line separated; single newlines are line breaks), `#`–`###`
 * headings, `-`/`*` bullet lists and `1.` numbered lists.
 * Inline: **bold**, *italic* / _italic_, `code`, [links](url) with http/https/mailto hrefs
 * only (other links render as their text), `\` escapes.
 */

export type MdInline =
  | { type: "text"; text: string }
  | { type: "strong"; children: MdInline[] }
  | { type: "em"; children: MdInline[] }
  | { type: "code"; text: string }
  | { type: "link"; href: string; children: MdInline[] }
  | { type: "break" };

export type MdBlock =
  | { type: "heading"; level: 1 | 2 | 3; children: MdInline[] }
  | { type: "paragraph"; children: MdInline[] }
  | { type: "list"; ordered: boolean; items: MdInline[][] };

const HEADING = /^(#{1,3})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/;
const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);
const ESCAPABLE = new Set(["\\", "*", "_", "`", "[", "]", "(", ")", "#", "-", "+", "!"]);

/** The href when it is an absolute http, https or mailto URL; otherwise null. */
export function safeHref(raw: string): string | null {
  const href = raw.trim();
  if (href === "" || /[\s\u0000-\u001f]/.test(href)) return null;
  try {
    return SAFE_PROTOCOLS.has(new URL(href).protocol) ? href : null;
  } catch {
    return null;
  }
}

export function parseMarkdown(source: string): MdBlock[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: MdBlock[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;

  const flushParagraph = () => {
    if (paragraph.length > 0) blocks.push({ type: "paragraph", children: parseLines(paragraph) });
    paragraph = [];
  };
  const flushList = () => {
    if (list) blocks.push({ type: "list", ordered: list.ordered, items: list.items.map((item) => parseInline(item)) });
    list = null;
  };

  for (const line of lines) {
    if (line.trim() === "") {
      flushParagraph();
      flushList();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flushParagraph();
      flushList();
      // The regex allows only 1–3 hashes, so the length is 1, 2 or 3.
      blocks.push({ type: "heading", level: heading[1].length as 1 | 2 | 3, children: parseInline(heading[2]) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      flushParagraph();
      const ordered = numbered !== null;
      if (list && list.ordered !== ordered) flushList();
      list ??= { ordered, items: [] };
      list.items.push(item[1]);
      continue;
    }
    if (list && /^\s{2,}/.test(line)) {
      // An indented line continues the last list item.
      list.items[list.items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    flushList();
    paragraph.push(line);
  }
  flushParagraph();
  flushList();
  return blocks;
}

/** A paragraph's lines, joined by line breaks. */
function parseLines(lines: string[]): MdInline[] {
  const out: MdInline[] = [];
  lines.forEach((line, i) => {
    if (i > 0) out.push({ type: "break" });
    out.push(...parseInline(line.trim()));
  });
  return out;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/** Index of the `)` closing a link target that starts at `from`, allowing balanced parentheses. */
function closingParen(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** Index of the `]` closing link text that starts at `from`, skipping escapes and nested brackets. */
function closingBracket(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === "[") depth++;
    else if (text[i] === "]") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/**
 * Where the `*` or `_` emphasis opened at `start` closes, or -1. Content may not start or end
 * with a space; `_` opens and closes only at word boundaries (snake_case_names stay as they
 * are); a `*` closer skips `**` pairs inside.
 */
function emphasisEnd(text: string, start: number, ch: "*" | "_"): number {
  const first = text[start + 1];
  if (first === undefined || first === " ") return -1;
  if (ch === "_" && isWordChar(text[start - 1])) return -1;
  let j = start + 1;
  while (j < text.length) {
    if (text[j] === "\\") {
      j += 2;
      continue;
    }
    if (text[j] === ch) {
      if (ch === "*" && text[j + 1] === "*") {
        j += 2;
        continue;
      }
      const ok = j > start + 1 && text[j - 1] !== " " && (ch === "*" || !isWordChar(text[j + 1]));
      if (ok) return j;
    }
    j++;
  }
  return -1;
}

export function parseInline(text: string): MdInline[] {
  const out: MdInline[] = [];
  let buffer = "";
  const pushText = () => {
    if (buffer !== "") out.push({ type: "text", text: buffer });
    buffer = "";
  };
  const push = (node: MdInline) => {
    pushText();
    out.push(node);
  };

  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "\\" && i + 1 < text.length && ESCAPABLE.has(text[i + 1])) {
      buffer += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === "`") {
      const end = text.indexOf("`", i + 1);
      if (end > i + 1) {
        push({ type: "code", text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (ch === "*" && text[i + 1] === "*") {
      const end = text.indexOf("**", i + 2);
      if (end > i + 2 && text[i + 2] !== " ") {
        push({ type: "strong", children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if ((ch === "*" || ch === "_") && text[i + 1] !== ch) {
      const end = emphasisEnd(text, i, ch);
      if (end !== -1) {
        push({ type: "em", children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (ch === "[") {
      const close = closingBracket(text, i + 1);
      if (close !== -1 && text[close + 1] === "(") {
        const paren = closingParen(text, close + 2);
        if (paren !== -1) {
          const children = parseInline(text.slice(i + 1, close));
          const href = safeHref(text.slice(close + 2, paren));
          if (href !== null) push({ type: "link", href, children });
          else {
            pushText();
            out.push(...children);
          }
          i = paren + 1;
          continue;
        }
      }
    }
    buffer += ch;
    i++;
  }
  pushText();
  return mergeText(out);
}

/** Adjacent text nodes joined, so the AST stays small and predictable. */
function mergeText(nodes: MdInline[]): MdInline[] {
  const out: MdInline[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.type === "text" && last?.type === "text") out[out.length - 1] = { type: "text", text: last.text + node.text };
    else out.push(node);
  }
  return out;
}
