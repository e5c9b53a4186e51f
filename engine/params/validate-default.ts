import type { ParamDef } from "../model";
import { paramTypeSchema } from "./param-type-schema";

/** For the editor: null when the parameter's default fits its type (or there is none), else the reason. */
export function validateDefault(param: ParamDef): string | null {
  if (param.default === undefined) return null;
  const parsed = paramTypeSchema(param.type).safeParse(param.default);
  if (parsed.success) return null;
  return parsed.error.issues.map((i) => i.message).join("; ");
}
