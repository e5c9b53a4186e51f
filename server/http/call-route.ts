import { NextResponse } from "next/server";
import type { RunSource } from "../services/runs";
import { answerCall } from "./call-core";
import { readCapped } from "./read-capped";

/** `/api/fn` as a Next.js route handler (used when Next serves it, e.g. plain `next dev`). */
export async function handleCall(req: Request, source: RunSource): Promise<NextResponse> {
  const answer = await answerCall({
    method: req.method,
    contentType: req.headers.get("content-type"),
    contentLength: req.headers.get("content-length"),
    readBody: (cap) => readCapped(req, cap),
    signal: req.signal,
    source,
    cookie: req.headers.get("cookie"),
    pageId: req.headers.get("x-lathe-page"),
    trigger: req.headers.get("x-lathe-trigger"),
  });
  const res = NextResponse.json(answer.body, { status: answer.status, headers: answer.headers });
  for (const cookie of answer.setCookie ?? []) res.headers.append("Set-Cookie", cookie);
  return res;
}
