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

/** The password rule under a new password: what is wrong with it, or the rule itself. */
export function PasswordRuleHint({ password }: { password: string }) {
  const problem = password ? passwordProblem(password) : null;
  return (
    <p className={`text-xs ${problem ? "text-amber-700" : "text-slate-500"}`} data-testid="password-rule">
      {problem ?? PASSWORD_RULE}
    </p>
  );
}
