/** Reading an HTTP response body under a byte cap, and turning it into block data. */

import { parseJsonInSlices } from "./json-in-slices";
import type { SecretMask } from "./secret-mask";

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number, readonly declared?: number) {
    super(`The response is larger than ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

export interface ReadBody {
  bytes: Buffer;
  /** The body went on past the cap (only when `overflow` is "truncate"). */
  truncated: boolean;
}

/**
 * Streams the body and stops at `limit` bytes: "throw" refuses the whole response (block
 * data), "truncate" keeps the first `limit` bytes (an error body shown to the user). The
 * rest of the stream is cancelled, so a server sending gigabytes costs at most `limit`.
 */
export async function readBody(res: Response, limit: number, overflow: "throw" | "truncate"): Promise<ReadBody> {
  const declared = Number(res.headers.get("content-length"));
  if (overflow === "throw" && Number.isFinite(declared) && declared > limit) {
    await res.body?.cancel().catch(() => {});
    throw new BodyTooLargeError(limit, declared);
  }
  if (!res.body) return { bytes: Buffer.alloc(0), truncated: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.byteLength > limit) {
        await reader.cancel().catch(() => {});
        if (overflow === "throw") throw new BodyTooLargeError(limit);
        chunks.push(value.subarray(0, limit - size));
        return { bytes: Buffer.concat(chunks), truncated: true };
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    reader.releaseLock();
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}

export function isJsonType(contentType: string | null): boolean {
  return contentType !== null && /^\s*(?:application\/(?:[\w.-]+\+)?json|text\/json)\b/i.test(contentType);
}

/** Text in the charset the response names, UTF-8 when it names none or one we do not know. */
export function decodeText(bytes: Buffer, contentType: string | null): string {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? "")?.[1];
  try {
    return new TextDecoder(charset ?? "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

/** JSON longer than this is parsed in slices (json-in-slices.ts): one JSON.parse of 50 MB holds the event loop for a second. */
export const SLICED_JSON_CHARS = 1024 * 1024;

/**
 * Parsed JSON when the response says JSON (null when empty), else the text. Rejects on bad
 * JSON. A large body is parsed in slices with turns of the event loop between them, so health
 * and other calls answer meanwhile (the body's size is capped by maxResponseBytes before this).
 */
export async function bodyValue(bytes: Buffer, contentType: string | null): Promise<unknown> {
  const text = decodeText(bytes, contentType);
  if (!isJsonType(contentType)) return text;
  if (text.trim() === "") return null;
  return text.length > SLICED_JSON_CHARS ? parseJsonInSlices(text) : JSON.parse(text);
}

/** The number of characters the first `bytes` bytes decode to (a character the cut splits left out). */
function decodedLength(bytes: Buffer, contentType: string | null): number {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? "")?.[1];
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset ?? "utf-8");
  } catch {
    decoder = new TextDecoder("utf-8");
  }
  return decoder.decode(bytes, { stream: true }).length;
}

/**
 * An error body for the user: JSON when it parses, else text cut after `cap` bytes. Secrets are
 * masked first and the cut made after, so a secret the cut runs through is masked whole: the
 * body must have been read past `cap` by the mask's margin.
 */
export function errorBodyValue(body: ReadBody, contentType: string | null, cap: number, mask: SecretMask): unknown {
  const text = decodeText(body.bytes, contentType);
  const cut = body.truncated || body.bytes.length > cap;
  if (!cut && isJsonType(contentType)) {
    try {
      return text.trim() === "" ? null : mask.value(JSON.parse(text));
    } catch {
      // Fall through: the text says more than a parse error would.
    }
  }
  if (!cut) return mask.text(text);
  return `${mask.prefix(text, decodedLength(body.bytes.subarray(0, cap), contentType))}…`;
}

/** Response headers as a plain object with lower-cased names. */
export function headersObject(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key.toLowerCase()] = value;
  });
  return out;
}
