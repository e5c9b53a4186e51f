import { describe, expect, it } from "vitest";
import { ResourceSettings } from "@/engine/resources";
import { redact, redactValue, REDACTED, secretForms, secretsOf } from "./redact";

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
  });

  it("finds each kind's secrets, the basic auth header and a connection string's password included", () => {
    const rest = ResourceSettings.parse({ kind: "rest", config: { baseUrl: "https://x.test", auth: { type: "basic", username: "me" } }, secrets: { password: "pw1" } });
    expect(secretsOf(rest)).toContain(Buffer.from("me:pw1").toString("base64"));
    const pgs = ResourceSettings.parse({ kind: "postgres", config: { useConnectionString: true }, secrets: { connectionString: "postgres://u:p%40ss@h/db" } });
    const found = secretsOf(pgs);
    expect(redact('password for "u" is p@ss', found)).toBe(`password for "u" is ${REDACTED}`);
    expect(redact("postgres://u:p%40ss@h/db", found)).toBe(REDACTED);
    expect(secretsOf(ResourceSettings.parse({ kind: "sqlite", config: { path: "/x.db" }, secrets: {} }))).toEqual([]);
  });
});
