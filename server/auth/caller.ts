import type { Role } from "./config";

/** The signed-in person, as the server knows them: what functions see as `currentUser`. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Names of the groups they belong to. */
  groups: string[];
}

/** Who is making a request: a person with a session. */
export interface Caller {
  user: SessionUser;
  sessionId: string;
}

export function isEditor(caller: Caller | null): boolean {
  return caller?.user.role === "admin" || caller?.user.role === "editor";
}

export function isAdmin(caller: Caller | null): boolean {
  return caller?.user.role === "admin";
}
