import { SetupAnswer, SetupBody } from "@/engine/contract/people";
import { getAuth } from "@/server/auth/auth";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { createFirstAdmin } from "@/server/services/setup";

export const dynamic = "force-dynamic";

/** The first admin of an installation; refused (409) once anyone exists. The page then signs them in. */
export const POST = route({ body: SetupBody, response: SetupAnswer, access: "anyone" }, async ({ req, body }) => ({
  user: await createFirstAdmin(getDb(), getAuth(), body, req.headers.get("x-lathe-client-ip")),
}));
