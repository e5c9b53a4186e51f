import crypto from "node:crypto";

const VERSION = "v1";

/**
 * AES-256-GCM with a random 96-bit IV. `context` (the resource id) is bound as associated data,
 * so a ciphertext copied onto another row does not decrypt there.
 * Format: `v1:<iv>:<tag>:<ciphertext>`, each base64.
 */
export function encryptJson(key: Buffer, value: unknown, context: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ct.toString("base64")].join(":");
}

export class SecretDecryptError extends Error {}

export function decryptJson(key: Buffer, text: string, context: string): unknown {
  const [version, iv, tag, ct] = text.split(":");
  if (version !== VERSION || !iv || !tag || ct === undefined) throw new SecretDecryptError("Unknown secret format");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    const plain = Buffer.concat([decipher.update(Buffer.from(ct, "base64")), decipher.final()]);
    return JSON.parse(plain.toString("utf8"));
  } catch {
    throw new SecretDecryptError("The stored secrets cannot be decrypted with this server's key; enter them again");
  }
}
