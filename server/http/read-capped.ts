/** Does the request's own Content-Length already say more than `cap` bytes? */
export function declaredOver(req: Request, cap: number): boolean {
  const declared = Number(req.headers.get("content-length") ?? "");
  return Number.isFinite(declared) && declared > cap;
}

/**
 * Reads a request body as text, giving up (null) when its Content-Length says more than `cap`
 * bytes (nothing read), or as soon as the bytes read pass `cap` (the stream is cancelled, so
 * the rest is never buffered). Memory stays at most `cap` whatever the sender sends.
 */
export async function readCapped(req: Request, cap: number): Promise<string | null> {
  if (declaredOver(req, cap)) return null;
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The request with its body read under `cap` and held in memory, for a handler that reads the
 * body itself (better-auth): null when the body is larger. A GET or HEAD comes back as it is.
 */
export async function cappedRequest(req: Request, cap: number): Promise<Request | null> {
  if (req.method === "GET" || req.method === "HEAD") return req;
  const text = await readCapped(req, cap);
  if (text === null) return null;
  return new Request(req, { body: text });
}
