import { CallErrorEnvelope, CallRequestBody, CallSuccess } from "@/engine/contract/call";
import { handleCall } from "@/server/http/call-route";
import { declareRoute } from "@/server/http/route";

// The production server (server/main.ts) answers /api/fn before Next.js routing; this route
// serves the same contract when Next runs on its own. Other methods get 405 from the contract,
// which parses in its own order (method, media type, size, body), so the handler only carries
// its declaration rather than going through route().
export const dynamic = "force-dynamic";

const declaration = { body: CallRequestBody, response: CallSuccess, error: CallErrorEnvelope, access: "appUse" } as const;
const handler = (req: Request) => handleCall(req, "app");
export const POST = declareRoute(declaration, handler);
export const GET = declareRoute(declaration, (req: Request) => handleCall(req, "app"));
export const PUT = declareRoute(declaration, (req: Request) => handleCall(req, "app"));
export const PATCH = declareRoute(declaration, (req: Request) => handleCall(req, "app"));
export const DELETE = declareRoute(declaration, (req: Request) => handleCall(req, "app"));
