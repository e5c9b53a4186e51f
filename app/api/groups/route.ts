import { GroupAnswer, GroupInput, GroupList } from "@/engine/contract/admin";
import { getDb } from "@/server/db/client";
import { actorOf } from "@/server/http/actor";
import { route } from "@/server/http/route";
import { createGroup, listGroups } from "@/server/services/groups";

export const dynamic = "force-dynamic";

export const GET = route({ response: GroupList, access: "admin" }, async () => ({ groups: await listGroups(getDb()) }));

export const POST = route({ body: GroupInput, response: GroupAnswer, access: "admin" }, async ({ caller, req, body }) => ({
  group: await createGroup({ db: getDb() }, actorOf(caller, req), body),
}));
