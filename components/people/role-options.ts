import type { Role } from "@/engine/contract/people";

/** The roles as a select lists them. */
export const ROLE_OPTIONS: ReadonlyArray<readonly [Role, string]> = [
  ["admin", "Admin"],
  ["editor", "Editor"],
  ["user", "User"],
];
