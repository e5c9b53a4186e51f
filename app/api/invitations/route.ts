import { InvitationCreated, InvitationInput, InvitationList } from "@/engine/contract/admin";
import { getDb } from "@/server/db/client";
import { actorOf, publicOrigin } from "@/server/http/actor";
import { route } from "@/server/http/route";
import { secretKey } from "@/server/runtime/engine";
import { createInvitation, listInvitations } from "@/server/services/invitations";

export const dynamic = "force-dynamic";

/** Pending invitations (not used, not expired). */
export const GET = route({ response: InvitationList, access: "admin" }, async () => ({ invitations: await listInvitations(getDb()) }));

/** Invites an email with a role: the link is in the answer, once; mailed too when Lathe has mail. */
export const POST = route({ body: InvitationInput, response: InvitationCreated, access: "admin" }, async ({ caller, req, body }) =>
  createInvitation({ db: getDb(), key: secretKey() }, actorOf(caller, req), body, publicOrigin(req)),
);
