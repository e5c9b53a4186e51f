import { InvitationAccept, InvitationAccepted } from "@/engine/contract/admin";
import { getAuth } from "@/server/auth/auth";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { acceptInvitation } from "@/server/services/invitations";

export const dynamic = "force-dynamic";

/**
 * Open to anyone holding a link: the token is the credential. Creates the invited person; a used,
 * expired or unknown token creates nothing. The page then signs them in.
 */
export const POST = route({ body: InvitationAccept, response: InvitationAccepted, access: "anyone" }, async ({ req, body }) => ({
  user: await acceptInvitation({ db: getDb(), auth: getAuth() }, body, req.headers.get("x-lathe-client-ip")),
}));
