/**
 * Who may call a route. Every route declares one (`route({ access, … })`); there is no route
 * without. Today Lathe has no sign-in, so the only rule is `open`. Issue 11 adds roles by adding
 * entries here (`admin`, `editor`, …) that read the caller off the request; `route()` only ever
 * calls `allows`, so the route mechanism does not change.
 */
export interface AccessRequest {
  req: Request;
}

type AccessRule = (request: AccessRequest) => boolean | Promise<boolean>;

const RULES = {
  /** Anyone who can reach the server (the single-user embedded default). */
  open: () => true,
} satisfies Record<string, AccessRule>;

export type Access = keyof typeof RULES;

export const ACCESS_NAMES = Object.keys(RULES) as Access[]; // Object.keys loses the literal keys

export function isAccess(value: unknown): value is Access {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(RULES, value);
}

/** Whether the rule lets this request through. */
export async function allows(access: Access, request: AccessRequest): Promise<boolean> {
  const rule: AccessRule = RULES[access];
  return rule(request);
}
