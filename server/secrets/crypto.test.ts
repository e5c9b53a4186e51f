import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SecretDecryptError, decryptJson, encryptJson } from "./crypto";
import { KEY_FILE_NAME, loadSecretKey, parseKey } from "./key";

describe("secret encryption", () => {
  const key = crypto.randomBytes(32);

  it("round-trips and never contains the plaintext", () => {
    const text = encryptJson(key, { password: "hunter2-very-secret" }, "res1");
    expect(text).not.toContain("hunter2");
    expect(text.startsWith("v1:")).toBe(true);
    expect(decryptJson(key, text, "res1")).toEqual({ password: "hunter2-very-secret" });
    expect(encryptJson(key, { a: 1 }, "res1")).not.toBe(encryptJson(key, { a: 1 }, "res1")); // fresh IV
  });

  it("refuses another key, another row and tampering", () => {
    const text = encryptJson(key, { token: "t" }, "res1");
    expect(() => decryptJson(crypto.randomBytes(32), text, "res1")).toThrow(SecretDecryptError);
    expect(() => decryptJson(key, text, "res2")).toThrow(SecretDecryptError);
    const parts = text.split(":");
    parts[3] = Buffer.from("tampered").toString("base64");
    expect(() => decryptJson(key, parts.join(":"), "res1")).toThrow(SecretDecryptError);
  });
});

describe("secret key", () => {
  it("takes LATHE_SECRET_KEY as hex or base64, and refuses a wrong length", () => {
    const raw = crypto.randomBytes(32);
    expect(parseKey(raw.toString("hex")).equals(raw)).toBe(true);
    expect(parseKey(raw.toString("base64")).equals(raw)).toBe(true);
    expect(() => parseKey("short")).toThrow(/32 bytes/);
  });

  it("creates a key file with mode 0600 once and reuses it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lathe-key-"));
    try {
      const first = loadSecretKey({}, dir);
      const file = path.join(dir, KEY_FILE_NAME);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(loadSecretKey({}, dir).equals(first)).toBe(true);
      fs.writeFileSync(file, "broken");
      expect(() => loadSecretKey({}, dir)).toThrow(/32 bytes/); // never silently replaced
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
