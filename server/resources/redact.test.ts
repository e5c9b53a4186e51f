import { describe, expect, it } from "vitest";
import { ResourceSettings } from "@/engine/resources";
import { redact, redactValue, REDACTED, secretForms, secretMask, secretsOf } from "./redact";

describe("redact", () => {
  it("masks every occurrence of every secret", () => {
    expect(redact("token abc and abc again", ["abc"])).toBe(`token ${REDACTED} and ${REDACTED} again`);
    expect(redact("nothing here", ["abc"])).toBe("nothing here");
    expect(redact("x", [])).toBe("x");
  });

  it("masks the longer secret whole when one holds another", () => {
    const secrets = secretForms(["ab", "abcd"]);
    expect(redact("abcd", secrets)).toBe(REDACTED);
  });

  it("masks the URL-encoded, form-encoded and JSON-escaped forms", () => {
    const secrets = secretForms(['p@ss w/"rd']);
    expect(redact("?key=p%40ss%20w%2F%22rd", secrets)).toBe(`?key=${REDACTED}`);
    expect(redact("key=p%40ss+w%2F%22rd", secrets)).toBe(`key=${REDACTED}`);
    expect(redact(JSON.stringify({ k: 'p@ss w/"rd' }), secrets)).toBe(`{"k":"${REDACTED}"}`);
  });

  it("masks strings and keys deep inside values, leaving other values alone", () => {
    expect(redactValue({ a: ["s3cret!", 1, null, { "s3cret!": true }] }, ["s3cret!"])).toEqual({ a: [REDACTED, 1, null, { [REDACTED]: true }] });
    // A numeric secret echoed as a JSON number, whole or holding 8+ of its digits, becomes the mark.
    expect(redactValue({ pin: 4815162342, other: 42, part: 9481516234 }, ["4815162342"])).toEqual({ pin: REDACTED, other: 42, part: REDACTED });
  });

  it("finds each kind's secrets, the basic auth header and a connection string's password included", () => {
    const rest = ResourceSettings.parse({ kind: "rest", config: { baseUrl: "https://x.test", auth: { type: "basic", username: "me" } }, secrets: { password: "pw1" } });
    // The basic header is masked whole (its fragments would start with the readable user name).
    expect(secretsOf(rest)).toContainEqual({ whole: Buffer.from("me:pw1").toString("base64") });
    const pgs = ResourceSettings.parse({ kind: "postgres", config: { useConnectionString: true }, secrets: { connectionString: "postgres://u:p%40ss@h/db" } });
    const found = secretsOf(pgs);
    expect(redact('password for "u" is p@ss', found)).toBe(`password for "u" is ${REDACTED}`);
    expect(redact("postgres://u:p%40ss@h/db", found)).toBe(REDACTED);
    expect(secretsOf(ResourceSettings.parse({ kind: "sqlite", config: { path: "/x.db" }, secrets: {} }))).toEqual([]);
  });

  it("masks any 8 or more characters of a secret, and only whole short secrets", () => {
    const secrets = secretForms(["0123456789abcdef", "xyz"]);
    expect(redact("a 23456789ab b", secrets)).toBe(`a ${REDACTED} b`);
    expect(redact("a 2345678 b", secrets)).toBe("a 2345678 b");
    expect(redact("0123456789abcdef0123", secrets)).toBe(`${REDACTED}0123`);
    expect(redact("xy xyz", secrets)).toBe(`xy ${REDACTED}`);
  });

  it("masks the hex, base64 and base64url forms, base64 at any alignment inside a longer text", () => {
    const secret = "s3cr3t/+?key-value";
    const secrets = secretForms([secret]);
    const b = Buffer.from(secret);
    expect(redact(b.toString("hex"), secrets)).toBe(REDACTED);
    expect(redact(b.toString("hex").toUpperCase(), secrets)).toBe(REDACTED);
    expect(redact(b.toString("base64"), secrets)).toBe(REDACTED);
    expect(redact(b.toString("base64url"), secrets)).toBe(REDACTED);
    for (const before of ["", "a", "ab", "abc"]) {
      const text = Buffer.from(`${before}${secret}!`).toString("base64");
      // What is left encodes only the bytes around the secret: a few characters either side.
      expect(redact(text, secrets).split(REDACTED).join(" "), before).not.toMatch(/[A-Za-z0-9+/]{7}/);
    }
  });

  it("masks a connection string only whole, its password anywhere", () => {
    const pgs = ResourceSettings.parse({ kind: "postgres", config: { useConnectionString: true }, secrets: { connectionString: "postgres://admin:Long-pass-word@db.internal:5432/app" } });
    const found = secretsOf(pgs);
    expect(redact('role "postgres" at db.internal:5432 refused Long-pass-word', found)).toBe(`role "postgres" at db.internal:5432 refused ${REDACTED}`);
  });

  it("gives SMTP's AUTH PLAIN line as a secret", () => {
    const smtp = ResourceSettings.parse({ kind: "smtp", config: { host: "h", port: 25, from: "a@x.test", user: "bot" }, secrets: { password: "pw" } });
    expect(redact(`AUTH PLAIN ${Buffer.from("\0bot\0pw").toString("base64")}`, secretsOf(smtp))).toBe(`AUTH PLAIN ${REDACTED}`);
  });

  it("masks a prefix as if whole: a secret running across the cut is masked, not cut", () => {
    const mask = secretMask(secretForms(["abc", "0123456789abcdef"]));
    expect(mask.prefix("head 0123456789abcdef tail", 8)).toBe(`head ${REDACTED}`);
    expect(mask.prefix("head ab", 7)).toBe("head ab");
    expect(mask.prefix("x abc", 4)).toBe(`x ${REDACTED}`);
  });

  it("keeps a __proto__ key a key", () => {
    const value = redactValue(JSON.parse('{"__proto__": {"s3cret!": 1}}'), ["s3cret!"]);
    expect(Object.keys(value as object)).toEqual(["__proto__"]);
    expect(JSON.stringify(value)).toBe(`{"__proto__":{"${REDACTED}":1}}`);
  });
});
