import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJsonInSlices } from "./json-in-slices";
import { SLICED_JSON_CHARS, bodyValue } from "./rest-body";

// Issue 13, failure 8: four concurrent 50 MB REST responses pushed health past 1 s (one
// JSON.parse holds the event loop). A large body is parsed in slices: a health server in this
// process keeps answering while it is parsed.
let health: http.Server;
let healthUrl: string;
beforeAll(async () => {
  health = http.createServer((_, res) => res.end("ok"));
  await new Promise<void>((r) => health.listen(0, "127.0.0.1", r));
  healthUrl = `http://127.0.0.1:${(health.address() as AddressInfo).port}/health`; // a TCP listener: the address is an AddressInfo
});
afterAll(() => new Promise<void>((r) => health.close(() => r())));

function rows(n: number) {
  return { data: Array.from({ length: n }, (_, i) => ({ id: i, name: `customer ${i}`, email: `c${i}@example.com`, tags: ["a", "b\n\u00e9"], score: i * 1.5, active: i % 2 === 0 })) };
}

describe("a large JSON body", () => {
  it("is parsed while health keeps answering, to what JSON.parse makes of it", async () => {
    const text = JSON.stringify(rows(150_000)); // about 15 MB
    expect(text.length).toBeGreaterThan(10 * SLICED_JSON_CHARS);
    let parsing = true;
    let answeredWhileParsing = 0;
    const probe = (async () => {
      while (parsing) {
        await (await fetch(healthUrl)).text();
        if (parsing) answeredWhileParsing++;
      }
    })();
    const value = await bodyValue(Buffer.from(text), "application/json");
    parsing = false;
    await probe;
    expect(answeredWhileParsing).toBeGreaterThan(0);
    expect(value).toEqual(JSON.parse(text));
  });

  it("small bodies and text are read as before", async () => {
    expect(await bodyValue(Buffer.from('{"a":1}'), "application/json")).toEqual({ a: 1 });
    expect(await bodyValue(Buffer.from("  "), "application/json")).toBeNull();
    expect(await bodyValue(Buffer.from("plain"), "text/plain")).toBe("plain");
    await expect(bodyValue(Buffer.from("{bad"), "application/json")).rejects.toThrow(SyntaxError);
  });
});

describe("parseJsonInSlices", () => {
  // Tiny slices and native spans, so the walker itself (not JSON.parse) reads most of each text.
  const tiny = { sliceChars: 8, nativeChars: 4 };
  const samples = [
    "0", "-0", "1.5E-3", "-12e+2", '"x"', "true", "false", "null", "[]", "{}", " [ ] ", "[[],{}]",
    '{"a":[1,2,{"b":null}],"c":"d\\"e\\\\","u":"\\u00e9\\ud83d\\ude00","e":[]}',
    '{"__proto__":{"polluted":true},"constructor":1,"a":1,"a":2}',
    '{"1":"one","b":"two","0":"zero"}',
    ` { "rows" : [ ${Array.from({ length: 50 }, (_, i) => `{"id":${i},"s":"${"x".repeat(i)}"}`).join(" ,\n")} ] } `,
  ];

  it.each(samples)("reads %s as JSON.parse does", async (text) => {
    const ours = await parseJsonInSlices(text, tiny);
    expect(ours).toEqual(JSON.parse(text));
    expect(JSON.stringify(ours)).toBe(JSON.stringify(JSON.parse(text)));
  });

  it("keeps __proto__ an own key, never the prototype", async () => {
    const value = (await parseJsonInSlices('{"big":[1,2,3,4,5,6],"__proto__":{"polluted":true}}', tiny)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["big", "__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(["", " ", "[1,]", "{,}", '{"a" 1}', '{"a":1,}', "[1 2]", "01", "tru", '"open', '"tab\there"', "1 2", "[", "{", "]", '{"a":1}}', "+1", ".5", "NaN"])(
    "refuses %j as JSON.parse does",
    async (text) => {
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
      await expect(parseJsonInSlices(text, tiny)).rejects.toThrow(SyntaxError);
    },
  );

  it("takes any depth without recursion", async () => {
    const depth = 200_000;
    let value = (await parseJsonInSlices(`${"[".repeat(depth)}"bottom"${"]".repeat(depth)}`, tiny)) as unknown;
    let levels = 0;
    while (Array.isArray(value)) {
      value = value[0];
      levels++;
    }
    expect([levels, value]).toEqual([depth, "bottom"]);
  });

  it("gives the event loop a turn between slices", async () => {
    let turns = 0;
    await parseJsonInSlices(JSON.stringify(rows(2_000)), { sliceChars: 10_000, pause: async () => void turns++ });
    expect(turns).toBeGreaterThan(10);
  });
});
