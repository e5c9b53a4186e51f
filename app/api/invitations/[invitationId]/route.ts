import { InvitationParams } from "@/engine/contract/admin";
import { NoContent } from "@/engine/contract/common";
import { getDb } from "@/server/db/client";
import { actorOf } from "@/server/http/actor";
import { route } from "@/server/http/route";
import { revokeInvitation } from "@/server/services/invitations";

export const dynamic = "force-dynamic";

/** Revokes a pending invitation: its link stops working. */
export const DELETE = route({ params: InvitationParams, response: NoContent, access: "admin" }, async ({ caller, req, params }) => {
  await revokeInvitation(getDb(), actorOf(caller, req), params.invitationId);
});
