import { z } from "zod";
import { Identifier } from "./identifier";

export const ParamType = z.enum(["string", "number", "boolean", "object", "array", "json", "date"]);
export type ParamType = z.infer<typeof ParamType>;

/** One typed parameter of a function. `default` is a JSON value that fits `type`. */
export const ParamDef = z.object({
  name: Identifier,
  type: ParamType,
  required: z.boolean().default(false),
  default: z.json().optional(),
  description: z.string().max(1000).default(""),
});
export type ParamDef = z.infer<typeof ParamDef>;
