import Link from "next/link";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { getDb } from "@/server/db/client";
import { invitationRefusal, lookUpInvitation } from "@/server/services/invitations";

export const dynamic = "force-dynamic";

const ARTICLE = { admin: "an admin", editor: "an editor", user: "a user" } as const;

/** An invitation link (public: the token is the credential). A used, expired or unknown link says so. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = await lookUpInvitation(getDb(), token);
  if (found.status !== "open") {
    return (
      <main className="mx-auto max-w-sm px-6 py-20" data-testid="invitation-refused">
        <h1 className="text-2xl font-semibold tracking-tight">Invitation</h1>
        <p role="alert" className="mt-3 text-sm text-slate-700">{invitationRefusal(found.status)}</p>
        <Link href="/sign-in" className="mt-6 inline-block text-sm text-indigo-700 hover:underline">Sign in</Link>
      </main>
    );
  }
  return (
    <main className="mx-auto max-w-sm px-6 py-20">
      <h1 className="text-2xl font-semibold tracking-tight">Join Lathe</h1>
      <p className="mt-2 text-sm text-slate-600">You are invited as {ARTICLE[found.role]}. Choose your name and a password.</p>
      <div className="mt-6">
        <AcceptInvitationForm token={token} email={found.email} />
      </div>
    </main>
  );
}
