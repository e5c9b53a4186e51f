import { GroupAnswer, GroupMemberParams } from "@/engine/contract/admin";
import { getDb } from "@/server/db/client";
import { actorOf } from "@/server/http/actor";
import { route } from "@/server/http/route";
import { removeGroupMember } from "@/server/services/groups";

export const dynamic = "force-dynamic";

export const DELETE = route({ params: GroupMemberParams, response: GroupAnswer, access: "admin" }, async ({ caller, req, params }) => ({
  group: await removeGroupMember({ db: getDb() }, actorOf(caller, req), params.groupId, params.userId),
}));
