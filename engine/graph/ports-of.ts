import type { Block } from "../model";

/** Port names a branch case may not take: they mean something else on some block. */
export const RESERVED_PORTS: ReadonlySet<string> = new Set(["next", "error", "else", "body"]);

/** The ports an edge may leave `block` through. */
export function portsOf(block: Block): string[] {
  switch (block.type) {
    case "start":
    case "errorHandler":
      return ["next"];
    case "code":
    case "query":
    case "callFunction":
      return ["next", "error"];
    case "branch":
      return [...block.config.cases.map((c) => c.id), "else", "error"];
    case "loop":
      return ["body", "next", "error"];
    case "return":
      return [];
  }
}
