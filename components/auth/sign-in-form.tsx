"use client";

import { useState } from "react";
import { Button } from "../ui/button";
import { Field } from "../ui/fields";
import { FormError, passwordSignIn as signInRequest } from "./password-sign-in";

/** Where to go after signing in: only a path of this site, never another origin. */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

async function errorMessage(res: Response): Promise<string> {
  const body: unknown = await res.json().catch(() => null);
  const message = typeof body === "object" && body !== null && "message" in body && typeof body.message === "string" ? body.message : null;
  if (res.status === 401) return "The email or password is not right.";
  return message ?? `Sign-in failed (${res.status}).`;
}

/** Email and password, and the single sign-on button when SSO is configured. */
export function SignInForm({ next, passwordSignIn, ssoLabel }: { next?: string; passwordSignIn: boolean; ssoLabel: string | null }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const target = safeNext(next);

  async function signIn(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await signInRequest(email, password);
      if (!res.ok) {
        setError(await errorMessage(res));
        return;
      }
      window.location.assign(target);
    } catch {
      setError("Could not reach the server.");
    } finally {
      setBusy(false);
    }
  }

  async function sso() {
    setBusy(true);
    setError(null);
    // better-auth answers { url, redirect } with the provider's sign-in page; it returns to `target`,
    // or to /sign-in?error=<code> when the sign-in fails there.
    const res = await fetch("/api/auth/sign-in/social", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ provider: "oidc", callbackURL: target, errorCallbackURL: "/sign-in", disableRedirect: true }),
    }).catch(() => null);
    const body: unknown = res ? await res.json().catch(() => null) : null;
    const url = res?.ok && typeof body === "object" && body !== null && "url" in body && typeof body.url === "string" ? body.url : null;
    if (url) window.location.assign(url);
    else {
      setBusy(false);
      const why = typeof body === "object" && body !== null && "message" in body && typeof body.message === "string" ? ` (${body.message})` : "";
      setError(`Single sign-on could not start${why}.`);
    }
  }

  return (
    <div className="flex flex-col gap-4">
      {passwordSignIn && (
        <form onSubmit={signIn} className="flex flex-col gap-3" aria-label="Sign in">
          <Field look="form" label="Email" type="email" autoComplete="username" value={email} onChange={setEmail} />
          <Field look="form" label="Password" type="password" autoComplete="current-password" value={password} onChange={setPassword} />
          <Button type="submit" variant="primary" disabled={busy || !email || !password}>
            Sign in
          </Button>
        </form>
      )}
      {ssoLabel && (
        <Button variant={passwordSignIn ? "secondary" : "primary"} onClick={sso} disabled={busy}>
          Sign in with {ssoLabel}
        </Button>
      )}
      <FormError error={error} />
    </div>
  );
}
