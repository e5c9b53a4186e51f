import { PersonAnswer, RoleChange, UserParams } from "@/engine/contract/admin";
import { NoContent } from "@/engine/contract/common";
import { getDb } from "@/server/db/client";
import { actorOf } from "@/server/http/actor";
import { route } from "@/server/http/route";
import { changeRole, removePerson } from "@/server/services/people";

export const dynamic = "force-dynamic";

/** A new role; every session of the person ends. The last admin keeps theirs (409). */
export const PATCH = route({ params: UserParams, body: RoleChange, response: PersonAnswer, access: "admin" }, async ({ caller, req, params, body }) => ({
  person: await changeRole({ db: getDb() }, actorOf(caller, req), params.userId, body.role),
}));

/** Removes a person and ends their sessions. The last admin cannot be removed (409). */
export const DELETE = route({ params: UserParams, response: NoContent, access: "admin" }, async ({ caller, req, params }) => {
  await removePerson({ db: getDb() }, actorOf(caller, req), params.userId);
});
