import { z } from "zod";
import { Role } from "./people";

/**
 * The person a function runs for, as functions (`currentUser.name`, Python
 * `currentUser["email"]`, `{{ currentUser.role }}`, SQL bindings) and pages read it. The server
 * sets it from the session, never from the request; where no one is signed in (tests, scripts)
 * `currentUser` is `null`.
 */
export const CurrentUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
  /** Group names, as the admin or the SSO claim gave them. */
  groups: z.array(z.string()),
});
export type CurrentUser = z.infer<typeof CurrentUser>;

/** A `CurrentUser` no one can change, its groups included. */
export type FrozenCurrentUser = Readonly<Omit<CurrentUser, "groups">> & { readonly groups: readonly string[] };

/**
 * A frozen copy holding exactly the schema's fields: what a run or a page gets in scope, so
 * nothing it does reaches the caller's object, and nothing else the caller's object carries
 * (a session's token, say) reaches user code.
 */
export function frozenCurrentUser(user: CurrentUser | FrozenCurrentUser | null | undefined): FrozenCurrentUser | null {
  if (!user) return null;
  const { id, email, name, role, groups } = user;
  return Object.freeze({ id, email, name, role, groups: Object.freeze([...groups]) });
}
