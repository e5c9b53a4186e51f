/**
 * How deep a call's arguments may nest: more than 256 levels of objects and arrays, the
 * arguments object itself counted as the first, are refused with the parameters, before any
 * block runs. The same bound as a block's output (engine/interpreter/output-depth.ts), which the
 * start block's output (the arguments) must meet anyway; deeper data would overflow the stack of
 * what walks it next (zod, the stored run).
 */
export const MAX_ARGUMENT_DEPTH = 256;

export const ARGUMENTS_TOO_DEEP_MESSAGE = `The arguments are nested deeper than ${MAX_ARGUMENT_DEPTH} levels of objects and arrays`;

/**
 * Whether the named arguments nest more than `max` objects or arrays, counted as in their JSON
 * text (`{"a":[1]}` is 2). Walked with an explicit stack, so any depth is measured without
 * recursion, stopping as soon as it passes `max`.
 */
export function argumentsDeeperThan(args: unknown, max: number = MAX_ARGUMENT_DEPTH): boolean {
  if (typeof args !== "object" || args === null) return false;
  const values: unknown[] = [];
  const depths: number[] = [];
  if (max < 1) return true;
  const push = (container: object, depth: number) => {
    for (const v of Array.isArray(container) ? container : Object.values(container)) {
      if (typeof v === "object" && v !== null) {
        values.push(v);
        depths.push(depth + 1);
      }
    }
  };
  push(args, 1);
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop() ?? 0;
    if (depth > max) return true;
    if (typeof value === "object" && value !== null) push(value, depth);
  }
  return false;
}
