import { handleCall } from "@/server/http/call-route";

// The production server (server/main.ts) answers /api/fn before Next.js routing; this route
// serves the same contract when Next runs on its own. Other methods get 405 from the contract.
export const dynamic = "force-dynamic";

const handler = (req: Request) => handleCall(req, "app");
export const POST = handler;
export const GET = handler;
export const PUT = handler;
export const PATCH = handler;
export const DELETE = handler;
