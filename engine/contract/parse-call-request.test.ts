import { describe, expect, it } from "vitest";
import { checkCallHead, isJsonMediaType, parseCallBody } from "./parse-call-request";

describe("call request", () => {
  it("accepts application/json with parameters only", () => {
    expect(isJsonMediaType("application/json")).toBe(true);
    expect(isJsonMediaType("Application/JSON; charset=utf-8")).toBe(true);
    expect(isJsonMediaType("text/plain")).toBe(false);
    expect(isJsonMediaType("application/json-patch+json")).toBe(false);
    expect(isJsonMediaType(null)).toBe(false);
  });

  it("checks method, media type and declared size before reading", () => {
    const get = checkCallHead("GET", "application/json", null);
    expect(get).toMatchObject({ ok: false, envelope: { status: 405 }, headers: { Allow: "POST" } });
    expect(checkCallHead("POST", "text/plain", null)).toMatchObject({ envelope: { status: 415 } });
    expect(checkCallHead("POST", "application/json", String(2 * 1024 * 1024))).toMatchObject({ envelope: { status: 413 } });
    expect(checkCallHead("POST", "application/json", "10")).toBeNull();
  });

  it.each([
    ["not json", "{"],
    ["not an object", "[]"],
    ["missing fnId", '{"args":[]}'],
    ["non-string fnId", '{"fnId":1,"args":[]}'],
    ["empty fnId", '{"fnId":"","args":[]}'],
    ["padded fnId", '{"fnId":" f ","args":[]}'],
    ["non-array args", '{"fnId":"f","args":{}}'],
    ["two args", '{"fnId":"f","args":[{},{}]}'],
    ["non-object arg", '{"fnId":"f","args":[1]}'],
  ])("refuses %s with 400", (_name, body) => {
    const parsed = parseCallBody(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.envelope).toMatchObject({ status: 400, code: "BAD_REQUEST" });
  });

  it("accepts empty args and one object", () => {
    expect(parseCallBody('{"fnId":"f","args":[]}')).toEqual({ ok: true, fnId: "f", params: {} });
    expect(parseCallBody('{"fnId":"f","args":[{"a":1}]}')).toEqual({ ok: true, fnId: "f", params: { a: 1 } });
  });
});
