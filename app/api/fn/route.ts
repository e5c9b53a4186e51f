import { handleCall, methodNotAllowed } from "@/server/http/call-route";

export const dynamic = "force-dynamic";

export const POST = (req: Request) => handleCall(req, "app");
export const GET = methodNotAllowed;
export const PUT = methodNotAllowed;
export const PATCH = methodNotAllowed;
export const DELETE = methodNotAllowed;
