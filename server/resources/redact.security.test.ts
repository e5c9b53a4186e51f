import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJsSandbox, type JsSandbox } from "@/engine/sandbox/js";
import type { Db } from "../db/client";
import { createTestDb } from "../db/test-db";
import { ResourceClients } from "./clients";
import { createResourcePort } from "./port";
import { REDACTED, redact } from "./redact";
import { secretCore } from "./secret-mask";
import { ENCODINGS, startLeakyUpstream, type Encoding, type LeakyUpstream } from "./test-support/leaky-upstream";
import { context, lookupOf, query, rejection, resource } from "./test-support/resources";
import { testRunStored } from "./test-support/stored-run";

/**
 * Hole 4 of issue 12: an upstream that quotes the credentials it received must not hand them
 * to the builder, whole, cut short, encoded, or confirmed by a guess; nor may the run history
 * keep them.
 */
const TOKEN = "Tk9/pq+Zr=7&wX!u2~Lm";
const BASIC_PASSWORD = "pw:Ab+/c=d&ef 9Z%q";
const HEADER_KEY = "hk_7f3A+9/b=Q&zz1";
const QUERY_KEY = "qk 4/Y+=&Rt9%vv0";
const CREDENTIALS = { bearer: TOKEN, basic: BASIC_PASSWORD, header: HEADER_KEY, query: QUERY_KEY } as const;
type Via = keyof typeof CREDENTIALS;

let upstream: LeakyUpstream;
let js: JsSandbox;
let t: ReturnType<typeof createTestDb>;
let db: Db;
const clients = new ResourceClients();
let lookup: ReturnType<typeof lookupOf>;
const port = () => createResourcePort(lookup, clients);

beforeAll(async () => {
  upstream = await startLeakyUpstream();
  js = createJsSandbox({ poolSize: 1 });
  t = createTestDb();
  db = t.db;
  const rest = (id: Via, auth: Record<string, unknown>, secrets: Record<string, string>) =>
    resource(id, { kind: "rest", config: { baseUrl: `${upstream.origin}/api`, auth }, secrets });
  lookup = lookupOf(
    rest("bearer", { type: "bearer" }, { token: TOKEN }),
    rest("basic", { type: "basic", username: "ann" }, { password: BASIC_PASSWORD }),
    rest("header", { type: "apiKey", in: "header", name: "X-Key" }, { apiKey: HEADER_KEY }),
    rest("query", { type: "apiKey", in: "query", name: "key" }, { apiKey: QUERY_KEY }),
  );
});
afterAll(async () => {
  await js?.close();
  await clients.closeAll();
  await upstream?.close();
  await t?.close();
});

/** The error body a failed REST query hands the builder. */
async function errorBody(via: Via, path: string, more: Record<string, unknown> = {}): Promise<unknown> {
  const e = await rejection(port().execute(via, query({ kind: "rest", resourceId: via, method: "GET", path, ...more }), context()));
  expect(e.code).toBe("RESOURCE_FAILED");
  const data = e.data;
  if (data === null || typeof data !== "object") throw new Error("no error data");
  return Reflect.get(data, "body");
}

const CASES = (Object.keys(CREDENTIALS) as Via[]).flatMap((via) => (Object.keys(ENCODINGS) as Encoding[]).map((enc) => [via, enc] as const));

describe("an upstream quoting the credential it received", () => {
  it(`covers ${CASES.length} credential × encoding cases`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(18);
  });

  it.each(CASES)("%s, echoed %s, is masked", async (via, enc) => {
    const body = await errorBody(via, `/quote?enc=${enc}`);
    expect(typeof body).toBe("string");
    const encoded = ENCODINGS[enc](CREDENTIALS[via]);
    expect(body).not.toContain(encoded);
    if (enc.startsWith("base64-inside")) {
      // Only the characters that also encode the bytes around the secret ("x", "yz") remain, and
      // those of a conventional public prefix (`hk_`: see secretCore).
      const secret = CREDENTIALS[via];
      const lead = 3 + Math.ceil((4 * (secret.length - secretCore(secret).length)) / 3);
      expect(body).toMatch(new RegExp(`^.{0,${lead}}\\[redacted\\].{0,6} was refused$`));
    } else {
      expect(body).toBe(`${REDACTED} was refused`);
    }
  });
});

describe("an error body cut to maxResponseBytes", () => {
  const PAD = 40;

  it("never shows the first characters of a secret the cut went through", async () => {
    for (const via of Object.keys(CREDENTIALS) as Via[]) {
      const secret = CREDENTIALS[via];
      for (let k = 1; k < secret.length; k++) {
        const body = await errorBody(via, `/quote?pad=${PAD}`, { maxResponseBytes: PAD + k });
        expect(body, `${via}, cut after ${k} characters`).toBe(`${".".repeat(PAD)}${REDACTED}…`);
      }
    }
  });

  it("keeps the secret out of the answer and of the stored run of a Test", async () => {
    const { outcome, stored } = await testRunStored(db, { js, resources: port() }, { kind: "rest", resourceId: "bearer", method: "GET", path: `/quote?pad=${PAD}`, maxResponseBytes: PAD + 5 });
    expect(outcome.error).toMatchObject({ code: "RESOURCE_FAILED", data: { body: `${".".repeat(PAD)}${REDACTED}…` } });
    for (const text of [JSON.stringify(outcome), JSON.stringify(stored)]) {
      expect(text).not.toContain(TOKEN.slice(0, 5));
      expect(text).toContain(REDACTED);
    }
  });
});

describe("a guess echoed back", () => {
  const youSent = async (guess: string) => {
    const body = await errorBody("bearer", "/guess", { headers: [{ key: "X-Guess", value: guess }] });
    if (body === null || typeof body !== "object") throw new Error(`not a JSON body: ${String(body)}`);
    return Reflect.get(body, "youSent");
  };

  it("is masked for every 8 or more characters it shares with the secret, right or wrong", async () => {
    expect(await youSent(TOKEN)).toBe(REDACTED);
    // One wrong last character: only that character, the guesser's own text, shows.
    expect(await youSent(`${TOKEN.slice(0, -1)}#`)).toBe(`${REDACTED}#`);
    expect(await youSent(`${TOKEN.slice(0, 8)}zzzz`)).toBe(`${REDACTED}zzzz`);
    expect(await youSent(`abc${TOKEN.slice(5, 14)}abc`)).toBe(`abc${REDACTED}abc`);
    // Fewer than 8 shared characters are the guesser's own text, shown whether right or wrong.
    expect(await youSent(`${TOKEN.slice(0, 7)}`)).toBe(TOKEN.slice(0, 7));
  });

  it("a known start and one guessed character are shown as sent, right or wrong: the basic user name", async () => {
    // Editors can read the user name ("ann"), so the start of the basic header's base64 is known.
    // Were its fragments masked, the one right next character would come back masked.
    const basic = Buffer.from(`ann:${BASIC_PASSWORD}`).toString("base64");
    const known = basic.slice(0, 9);
    const sentBasic = async (guess: string) => {
      const body = await errorBody("basic", "/guess", { headers: [{ key: "X-Guess", value: guess }] });
      if (body === null || typeof body !== "object") throw new Error(`not a JSON body: ${String(body)}`);
      return Reflect.get(body, "youSent");
    };
    for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") {
      expect(await sentBasic(`${known}${c}`), `candidate ${c} (the right one is ${basic[9]})`).toBe(`${known}${c}`);
    }
    // The whole header is still masked.
    expect(await sentBasic(basic)).toBe(REDACTED);
  });

  it("a known start and one guessed character are shown as sent, right or wrong: a conventional key prefix", () => {
    const key = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
    const secrets = [key];
    for (const c of "0123456789abcdefghijklmnopqrstuvwxyz") {
      const guess = `${key.slice(0, 8)}${c}`;
      expect(redact(`echo: ${guess}`, secrets), `candidate ${c}`).toBe(`echo: ${guess}`);
    }
    // Fragments of the part after the prefix, and the whole key, are masked.
    expect(redact(`echo: ${key.slice(8, 16)}`, secrets)).toBe(`echo: ${REDACTED}`);
    expect(redact(`echo: ${key}`, secrets)).toBe(`echo: ${REDACTED}`);
  });

  it("is masked in the stored run of a Test too", async () => {
    const guess = `${TOKEN.slice(0, 12)}zz`;
    const { outcome, stored } = await testRunStored(db, { js, resources: port() }, { kind: "rest", resourceId: "bearer", method: "GET", path: "/guess", headers: [{ key: "X-Guess", value: guess }] });
    expect(outcome.error).toMatchObject({ data: { body: { youSent: `${REDACTED}zz` } } });
    expect(JSON.stringify(stored)).not.toContain(TOKEN.slice(0, 8));
  });
});
