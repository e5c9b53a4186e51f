import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const KEY_FILE_NAME = "secret.key";

/** Parses LATHE_SECRET_KEY: 32 bytes as 64 hex characters or base64. */
export function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32) {
    throw new Error("LATHE_SECRET_KEY must be 32 bytes, as 64 hex characters or base64 (try: openssl rand -base64 32)");
  }
  return key;
}

/**
 * The key that encrypts resource secrets at rest: LATHE_SECRET_KEY, or a key file in the data
 * folder, created with mode 0600 on first use. Losing it makes stored secrets unreadable
 * (re-enter them), never exposes them.
 */
export function loadSecretKey(env: { LATHE_SECRET_KEY?: string }, dataDir: string): Buffer {
  if (env.LATHE_SECRET_KEY) return parseKey(env.LATHE_SECRET_KEY);
  const file = path.join(/*turbopackIgnore: true*/ dataDir, KEY_FILE_NAME);
  try {
    return parseKey(fs.readFileSync(file, "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err; // a present but broken key must not be replaced
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  try {
    fs.writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    return key;
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return parseKey(fs.readFileSync(file, "utf8"));
    throw err;
  }
}
