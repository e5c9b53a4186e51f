import { GroupAnswer, GroupInput, GroupParams } from "@/engine/contract/admin";
import { NoContent } from "@/engine/contract/common";
import { getDb } from "@/server/db/client";
import { actorOf } from "@/server/http/actor";
import { route } from "@/server/http/route";
import { deleteGroup, renameGroup } from "@/server/services/groups";

export const dynamic = "force-dynamic";

/** Renames a local group (a single sign-on group's name is the provider's: 409). */
export const PATCH = route({ params: GroupParams, body: GroupInput, response: GroupAnswer, access: "admin" }, async ({ caller, req, params, body }) => ({
  group: await renameGroup({ db: getDb() }, actorOf(caller, req), params.groupId, body),
}));

export const DELETE = route({ params: GroupParams, response: NoContent, access: "admin" }, async ({ caller, req, params }) => {
  await deleteGroup({ db: getDb() }, actorOf(caller, req), params.groupId);
});
