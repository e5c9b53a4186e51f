import type { ParamDef } from "../model";
import { ARGUMENTS_TOO_DEEP_MESSAGE, argumentsDeeperThan } from "./argument-depth";
import { paramsSchema, type ParamValues } from "./params-schema";

/** A zod issue as plain JSON: what the 400's `data` carries. */
export interface InputIssue {
  code: string;
  path: (string | number)[];
  message: string;
}

export type InputValidation = { ok: true; value: ParamValues } | { ok: false; issues: InputIssue[] };

/**
 * Validates and coerces a call's named arguments against the parameters (defaults applied).
 * Arguments nested deeper than MAX_ARGUMENT_DEPTH are refused first, without recursion (zod's
 * JSON schema would overflow the stack on them).
 */
export function validateInput(params: readonly ParamDef[], input: unknown): InputValidation {
  if (argumentsDeeperThan(input)) return { ok: false, issues: [{ code: "too_deep", path: [], message: ARGUMENTS_TOO_DEEP_MESSAGE }] };
  const parsed = paramsSchema(params).safeParse(input ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((i) => ({
    code: i.code,
    // Symbol keys cannot occur in a JSON input; String() keeps the type honest.
    path: i.path.map((k) => (typeof k === "number" ? k : String(k))),
    message: i.message,
  }));
  return { ok: false, issues };
}
