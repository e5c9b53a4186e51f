"use client";

import { useState } from "react";
import { passwordProblem } from "@/engine/contract/people";
import { api } from "../ui/api";
import { Button } from "../ui/button";
import { Field } from "../ui/fields";
import { PasswordRuleHint, signInAndGoHome } from "./password-sign-in";
import { SetupAnswer } from "@/engine/contract/people";

/** The first admin: name, email, a password that keeps the rule; then signed in and sent home. */
export function SetupForm() {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problem = password ? passwordProblem(password) : null;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(SetupAnswer, "/api/setup", { method: "POST", body: { name, email, password } });
      await signInAndGoHome(email, password);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" aria-label="Create the first admin">
      <Field look="form" label="Name" value={name} onChange={setName} autoComplete="name" />
      <Field look="form" label="Email" type="email" value={email} onChange={setEmail} autoComplete="username" />
      <Field look="form" label="Password" type="password" value={password} onChange={setPassword} autoComplete="new-password" />
      <PasswordRuleHint password={password} />
      <Button type="submit" variant="primary" disabled={busy || !name || !email || !!problem || !password}>
        Create admin
      </Button>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
