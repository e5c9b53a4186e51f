"use client";

import { useState } from "react";
import { passwordProblem } from "@/engine/contract/people";
import { api } from "../ui/api";
import { Button } from "../ui/button";
import { Field } from "../ui/fields";
import { FormError, PasswordRuleHint, useJoin } from "./password-sign-in";
import { SetupAnswer } from "@/engine/contract/people";

/** The first admin: name, email, a password that keeps the rule; then signed in and sent home. */
export function SetupForm() {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, join } = useJoin();
  const problem = password ? passwordProblem(password) : null;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    void join(() => api(SetupAnswer, "/api/setup", { method: "POST", body: { name, email, password } }), email, password);
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
      <FormError error={error} />
    </form>
  );
}
