import { Identifier, RESERVED_NAMES, type FunctionDefinition } from "@/engine/model";

const MAX_ID = 64;
const MAX_NAME = 64;

/** Every name in the function's scope: block names and parameter names share one namespace. */
export function takenNames(def: FunctionDefinition): Set<string> {
  return new Set([...def.graph.blocks.map((b) => b.name), ...def.params.map((p) => p.name)]);
}

/**
 * The first free name built from `base`: `base1`, `base2`… (or `base` itself first when
 * `bare`). Free means a valid identifier, not reserved and not in `taken`.
 */
export function uniqueName(base: string, taken: ReadonlySet<string>, bare = false): string {
  const stem = base.slice(0, MAX_NAME - 6) || "block";
  const free = (n: string) => !taken.has(n) && !RESERVED_NAMES.has(n) && Identifier.safeParse(n).success;
  if (bare && free(stem)) return stem;
  for (let n = 1; ; n++) {
    const candidate = `${stem}${n}`;
    if (free(candidate)) return candidate;
  }
}

/** `base` when no id has it yet, else `base_2`, `base_3`…; at most 64 characters. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.slice(0, MAX_ID - 8) || "id";
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) {
    const candidate = `${stem}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The stem a copied name is numbered from: `code12` → `code`, `total` → `total`. */
export function nameStem(name: string): string {
  return name.replace(/\d+$/, "") || name;
}

export interface NameOwner {
  /** The block being renamed: its own current name does not count as taken. */
  blockId?: string;
  /** The parameter being renamed. */
  param?: string;
}

/**
 * Why `name` cannot be given to a block or parameter, or null when it can: it must be an
 * identifier, not reserved, and unique among block and parameter names.
 */
export function nameProblem(def: FunctionDefinition, name: string, owner: NameOwner = {}): string | null {
  const parsed = Identifier.safeParse(name);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? "Invalid name";
  if (def.graph.blocks.some((b) => b.name === name && b.id !== owner.blockId)) return `A block is already named "${name}"`;
  if (def.params.some((p) => p.name === name && p.name !== owner.param)) return `A parameter is already named "${name}"`;
  return null;
}
