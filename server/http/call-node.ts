import type { IncomingMessage, ServerResponse } from "node:http";
import type { RunSource } from "../services/runs";
import { answerCall } from "./call-core";

/** Reads a Node request body as text, giving up (null) as soon as it passes `cap` bytes. */
function readNodeBody(req: IncomingMessage, cap: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > cap) {
        done = true;
        req.resume(); // drain the rest so the connection can answer 413
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!done) resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", reject);
  });
}

/** A header Node may hand over as several values: only a single one counts. */
function oneHeader(value: string | string[] | undefined): string | null {
  return typeof value === "string" ? value : null;
}

/**
 * `/api/fn` straight on Node's http server, beside Next (server/main.ts): the same contract as
 * the route handler, without the router's per-request cost.
 */
export async function handleCallNode(req: IncomingMessage, res: ServerResponse, source: RunSource): Promise<void> {
  const aborter = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) aborter.abort(new Error("client went away"));
  });
  const answer = await answerCall({
    method: req.method ?? "GET",
    contentType: req.headers["content-type"] ?? null,
    contentLength: req.headers["content-length"] ?? null,
    readBody: (cap) => readNodeBody(req, cap),
    signal: aborter.signal,
    source,
    cookie: req.headers.cookie ?? null,
    pageId: oneHeader(req.headers["x-lathe-page"]),
    trigger: oneHeader(req.headers["x-lathe-trigger"]),
  });
  const json = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...answer.headers,
    ...(answer.setCookie ? { "Set-Cookie": answer.setCookie } : {}),
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(json),
  });
  res.end(json);
}
