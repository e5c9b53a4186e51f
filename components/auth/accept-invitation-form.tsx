"use client";

import { useState } from "react";
import { InvitationAccepted } from "@/engine/contract/admin";
import { passwordProblem } from "@/engine/contract/people";
import { api } from "../ui/api";
import { Button } from "../ui/button";
import { Field } from "../ui/fields";
import { FormError, PasswordRuleHint, useJoin } from "./password-sign-in";

/** Accepting an invitation: a name and a password that keeps the rule; then signed in and sent home. */
export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, join } = useJoin();
  const problem = password ? passwordProblem(password) : null;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    void join(() => api(InvitationAccepted, "/api/invitations/accept", { method: "POST", body: { token, name, password } }), email, password);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" aria-label="Accept the invitation">
      <div className="flex flex-col gap-1">
        <span className="text-sm font-medium">Email</span>
        <span className="text-sm text-slate-700" data-testid="invited-email">{email}</span>
        {/* For password managers: the account this password belongs to. */}
        <input type="email" value={email} autoComplete="username" readOnly hidden />
      </div>
      <Field look="form" label="Name" value={name} onChange={setName} autoComplete="name" />
      <Field look="form" label="Password" type="password" value={password} onChange={setPassword} autoComplete="new-password" />
      <PasswordRuleHint password={password} />
      <Button type="submit" variant="primary" disabled={busy || !name.trim() || !password || !!problem}>
        Join Lathe
      </Button>
      <FormError error={error} />
    </form>
  );
}
