import { NoContent } from "@/engine/contract/common";
import { AppMemberResponse, ChangeAppMember, MemberParams } from "@/engine/contract/sharing";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { shareActor } from "@/server/http/share-actor";
import { changeMember, removeMember } from "@/server/services/sharing";

/** Changes a member's access (`{ access: "use" | "edit" }`); the owner's cannot change. */
export const PATCH = route({ params: MemberParams, body: ChangeAppMember, response: AppMemberResponse, access: "appEdit" }, async ({ params, body, caller, req }) => ({
  member: await changeMember(getDb(), params.appId, params.memberId, body, shareActor(caller, req)),
}));

/** Stops sharing the app with the member; the owner cannot be removed. */
export const DELETE = route({ params: MemberParams, response: NoContent, access: "appEdit" }, async ({ params, caller, req }) => {
  await removeMember(getDb(), params.appId, params.memberId, shareActor(caller, req));
});
