import { AppParams } from "@/engine/contract/apps";
import { AddAppMember, AppMemberResponse, AppMembersResponse } from "@/engine/contract/sharing";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { shareActor } from "@/server/http/share-actor";
import { addMember, listMembers } from "@/server/services/sharing";

/** Who the app is shared with: its owner, then people and groups with `use` or `edit`. */
export const GET = route({ params: AppParams, response: AppMembersResponse, access: "appEdit" }, async ({ params }) => ({
  members: await listMembers(getDb(), params.appId),
}));

/** Shares the app with a person or a group (`{ kind, id, access }`). */
export const POST = route({ params: AppParams, body: AddAppMember, response: AppMemberResponse, access: "appEdit" }, async ({ params, body, caller, req }) => ({
  member: await addMember(getDb(), params.appId, body, shareActor(caller, req)),
}));
