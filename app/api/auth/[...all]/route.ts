import { toNextJsHandler } from "better-auth/next-js";
import { z } from "zod";
import { getAuth } from "@/server/auth/auth";
import { cappedRequest } from "@/server/http/read-capped";
import { declareRoute, errorResponse, MAX_JSON_BODY_BYTES, payloadTooLarge } from "@/server/http/route";

export const dynamic = "force-dynamic";

/**
 * better-auth's endpoints that Lathe uses, and no others (default deny): its admin, sign-up,
 * account and user-changing endpoints stay unreachable over HTTP; Lathe's own admin routes call
 * what they need on the server. better-auth checks these requests itself (JSON only, origin,
 * rate limits, the sign-in throttle of server/auth/sign-in-throttle.ts). Bodies are read here
 * first, under the editor API's 1 MiB cap (413 past it), before better-auth sees them: it would
 * otherwise read any size whole.
 */
const EXPOSED = [
  /^\/sign-in\/email$/,
  /^\/sign-in\/social$/, // starts single sign-on (server/auth/oidc.ts accepts only the "oidc" provider)
  /^\/callback\/oidc$/, // the provider sends the browser back here
  /^\/sign-out$/,
  /^\/get-session$/,
  /^\/change-password$/,
  /^\/error$/,
];

function exposed(req: Request): boolean {
  const path = new URL(req.url).pathname.replace(/^\/api\/auth/, "");
  return EXPOSED.some((re) => re.test(path));
}

function guarded(method: "GET" | "POST") {
  return async (req: Request): Promise<Response> => {
    if (!exposed(req)) return Response.json({ error: "Not found", status: 404, code: "NOT_FOUND" }, { status: 404 });
    const capped = await cappedRequest(req, MAX_JSON_BODY_BYTES);
    if (!capped) return errorResponse(payloadTooLarge());
    return toNextJsHandler(getAuth())[method](capped);
  };
}

const declaration = { response: z.unknown(), access: "anyone" } as const;
export const GET = declareRoute(declaration, guarded("GET"));
export const POST = declareRoute(declaration, guarded("POST"));
