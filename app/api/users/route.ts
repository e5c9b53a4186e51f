import { PeopleList } from "@/engine/contract/admin";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { listPeople } from "@/server/services/people";

export const dynamic = "force-dynamic";

/** Everyone who can sign in, with role, groups and how they sign in. */
export const GET = route({ response: PeopleList, access: "admin" }, async () => ({ people: await listPeople(getDb()) }));
