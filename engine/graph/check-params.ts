import type { ParamDef } from "../model";
import { validateDefault } from "../params/validate-default";
import type { Problem } from "./problem";

/** Each parameter default fits the parameter's type. */
export function checkParams(params: readonly ParamDef[]): Problem[] {
  const problems: Problem[] = [];
  for (const p of params) {
    const reason = validateDefault(p);
    if (reason) problems.push({ code: "BAD_DEFAULT", message: `Default of "${p.name}" does not fit ${p.type}: ${reason}` });
  }
  return problems;
}
