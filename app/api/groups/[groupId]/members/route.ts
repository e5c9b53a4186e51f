import { GroupAnswer, GroupMemberInput, GroupParams } from "@/engine/contract/admin";
import { getDb } from "@/server/db/client";
import { actorOf } from "@/server/http/actor";
import { route } from "@/server/http/route";
import { addGroupMember } from "@/server/services/groups";

export const dynamic = "force-dynamic";

/** Adds a person to a local group (single sign-on groups follow the provider: 409). */
export const POST = route({ params: GroupParams, body: GroupMemberInput, response: GroupAnswer, access: "admin" }, async ({ caller, req, params, body }) => ({
  group: await addGroupMember({ db: getDb() }, actorOf(caller, req), params.groupId, body.userId),
}));
