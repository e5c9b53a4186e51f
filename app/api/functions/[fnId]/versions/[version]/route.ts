import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { getVersion } from "@/server/services/functions";

type P = { fnId: string; version: string };
export const GET = route<P>(async (_req, { fnId, version }) => ({ version: await getVersion(getDb(), fnId, Number(version)) }));
