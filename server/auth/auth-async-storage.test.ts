import { AsyncLocalStorage } from "node:async_hooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "../db/test-db";
import { authFor } from "./auth";
import { BETTER_AUTH_STORAGES, StorageLane } from "./auth-async-storage";
import { authConfig } from "./config";

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("better-auth's request state rides on one AsyncLocalStorage", () => {
  let t: ReturnType<typeof createTestDb>;
  beforeEach(() => {
    t = createTestDb();
  });
  afterEach(() => t.close());

  it("puts a lane, not an AsyncLocalStorage of its own, under each name better-auth looks up", () => {
    authFor(t.db, authConfig({}));
    const record = Reflect.get(globalThis, Symbol.for("better-auth:global")) as { context: Record<string, unknown> }; // better-auth's process-wide record
    for (const name of BETTER_AUTH_STORAGES) {
      expect(record.context[name]).toBeInstanceOf(StorageLane);
      expect(record.context[name]).not.toBeInstanceOf(AsyncLocalStorage);
    }
  });

  it("signs in and reads the session back through the lanes", async () => {
    const auth = authFor(t.db, authConfig({}));
    await auth.api.createUser({ body: { email: "ada@example.test", password: "Right-password-1", name: "Ada", role: "user" } });
    const { headers } = await auth.api.signInEmail({ body: { email: "ada@example.test", password: "Right-password-1" }, returnHeaders: true });
    const cookie = headers.getSetCookie().find((c) => c.startsWith("lathe.session_token="))?.split(";")[0];
    expect(cookie).toBeDefined();
    const session = await auth.api.getSession({ headers: new Headers({ cookie: cookie ?? "" }) });
    expect(session?.user.email).toBe("ada@example.test");
  });
});

describe("StorageLane", () => {
  it("keeps each lane's store apart, nested and across awaits", async () => {
    const a = new StorageLane<string>("a");
    const b = new StorageLane<string>("b");
    expect(a.getStore()).toBeUndefined();
    await a.run("outer", async () => {
      await tick();
      expect(a.getStore()).toBe("outer");
      await b.run("b1", async () => {
        await tick();
        expect([a.getStore(), b.getStore()]).toEqual(["outer", "b1"]);
        await a.run("inner", async () => {
          await tick();
          expect([a.getStore(), b.getStore()]).toEqual(["inner", "b1"]);
        });
        expect(a.getStore()).toBe("outer");
        a.exit(() => expect([a.getStore(), b.getStore()]).toEqual([undefined, "b1"]));
      });
      expect(b.getStore()).toBeUndefined();
    });
    expect(a.getStore()).toBeUndefined();
  });

  it("does not leak one run's store into a concurrent run", async () => {
    const lane = new StorageLane<number>("n");
    const seen = await Promise.all(
      [1, 2, 3].map((n) =>
        lane.run(n, async () => {
          await tick();
          await tick();
          return lane.getStore();
        }),
      ),
    );
    expect(seen).toEqual([1, 2, 3]);
  });
});
