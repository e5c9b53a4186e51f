import { useState } from "react";
import { PASSWORD_RULE, passwordProblem } from "@/engine/contract/people";

/** Signs in with email and password (better-auth sets the session cookie); the answer as it came. */
export function passwordSignIn(email: string, password: string): Promise<Response> {
  return fetch("/api/auth/sign-in/email", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
}

/** After creating a person with a password (setup, an invitation): sign them in and go home, or to /sign-in if that fails. */
export async function signInAndGoHome(email: string, password: string): Promise<void> {
  const res = await passwordSignIn(email, password);
  window.location.assign(res.ok ? "/" : "/sign-in");
}

/**
 * A form that creates a person with a password (setup, an invitation): `join(create, email,
 * password)` runs `create`, then signs them in and goes home; a failure shows as `error`.
 */
export function useJoin(): { busy: boolean; error: string | null; join: (create: () => Promise<unknown>, email: string, password: string) => Promise<void> } {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function join(create: () => Promise<unknown>, email: string, password: string) {
    setBusy(true);
    setError(null);
    try {
      await create();
      await signInAndGoHome(email, password);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }
  return { busy, error, join };
}

/** The error of a form, for screen readers too. */
export function FormError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="text-sm text-red-700">
      {error}
    </p>
  );
}

/** The password rule under a new password: what is wrong with it, or the rule itself. */
export function PasswordRuleHint({ password }: { password: string }) {
  const problem = password ? passwordProblem(password) : null;
  return (
    <p className={`text-xs ${problem ? "text-amber-700" : "text-slate-500"}`} data-testid="password-rule">
      {problem ?? PASSWORD_RULE}
    </p>
  );
}
