import type { BlockType } from "@/engine/model";

/**
 * The schema requires a non-empty `resourceId` / `functionId`, so a new query or call block
 * gets this placeholder: the block is valid by schema (the draft always parses) and
 * `checkUnsetTargets` pins a problem on it until the builder picks a resource or function.
 */
export const UNSET_RESOURCE_ID = "unset";
export const UNSET_FUNCTION_ID = "unset";

export type CodeLanguage = "javascript" | "python";

/** The stem new block names are numbered from: `code1`, `query1`, `call1`… */
export const NAME_STEMS: Record<BlockType, string> = {
  start: "start",
  query: "query",
  code: "code",
  branch: "branch",
  loop: "loop",
  errorHandler: "errorHandler",
  callFunction: "call",
  return: "return",
};

/** Singletons read best unnumbered: the first error handler is `errorHandler`. */
export const BARE_NAMES: ReadonlySet<BlockType> = new Set(["start", "errorHandler"]);

/** The config a freshly added block starts with (schema defaults are applied on top). */
export function defaultConfig(type: BlockType, language: CodeLanguage = "javascript"): Record<string, unknown> {
  switch (type) {
    case "code":
      return { language, source: language === "python" ? "return None\n" : "return null;\n" };
    case "query":
      return { kind: "sql", resourceId: UNSET_RESOURCE_ID, statement: "" };
    case "branch":
      return { cases: [{ id: "case1", label: "", condition: "{{ true }}" }] };
    case "loop":
      return { source: "{{ [] }}" };
    case "callFunction":
      return { functionId: UNSET_FUNCTION_ID, args: {} };
    case "return":
      return { value: "{{ null }}" };
    case "start":
    case "errorHandler":
      return {};
  }
}
