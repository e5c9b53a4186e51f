import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { getDb } from "@/server/db/client";
import { hasUsers } from "@/server/services/setup";

export const dynamic = "force-dynamic";

/** First run: the installation has no one yet; whoever opens it creates the first admin. */
export default async function SetupPage() {
  if (await hasUsers(getDb())) redirect("/sign-in");
  return (
    <main className="mx-auto max-w-sm px-6 py-20">
      <h1 className="text-2xl font-semibold tracking-tight">Set up Lathe</h1>
      <p className="mt-2 text-sm text-slate-600">Create the first admin. You can invite your team next.</p>
      <div className="mt-6">
        <SetupForm />
      </div>
    </main>
  );
}
