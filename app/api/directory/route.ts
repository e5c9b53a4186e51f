import { DirectoryResponse } from "@/engine/contract/sharing";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { directory } from "@/server/services/sharing";

export const dynamic = "force-dynamic";

/** The people and groups an app can be shared with, for the Share dialog's picker. */
export const GET = route({ response: DirectoryResponse, access: "editor" }, async () => directory(getDb()));
