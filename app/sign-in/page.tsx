import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { SignInForm, safeNext } from "@/components/auth/sign-in-form";
import { authConfig } from "@/server/auth/config";
import { callerFromCookie } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const { next, error } = await searchParams;
  if (await callerFromCookie((await headers()).get("cookie"))) redirect(safeNext(next));
  const config = authConfig();
  return (
    <main className="mx-auto max-w-sm px-6 py-20">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to Lathe</h1>
      {error && (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {/* better-auth sends a failed single sign-on back here with its error code */}
          Single sign-on did not complete ({String(error).slice(0, 60)}). Try again, or ask an admin.
        </p>
      )}
      <div className="mt-6">
        <SignInForm next={next} passwordSignIn={config.passwordSignIn} ssoLabel={config.oidc ? config.oidc.label : null} />
      </div>
    </main>
  );
}
