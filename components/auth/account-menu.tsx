"use client";

import { Button } from "../ui/button";

/** Who is signed in, and signing out. */
export function AccountMenu({ name, role }: { name: string; role: string }) {
  async function signOut() {
    await fetch("/api/auth/sign-out", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }).catch(() => null);
    window.location.assign("/sign-in");
  }
  return (
    <div className="flex items-center gap-2 text-sm" data-testid="account-menu">
      <span className="text-slate-700">
        {name} <span className="text-xs text-slate-500">({role})</span>
      </span>
      <Button variant="ghost" onClick={signOut}>
        Sign out
      </Button>
    </div>
  );
}
