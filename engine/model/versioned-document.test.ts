import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadVersioned, oldestVersion, type DocumentKind } from "./versioned-document";

/** A toy kind at version 3 whose history starts at 1: `a` became `b` (1 → 2), then `b` became `c` (2 → 3). */
const toy: DocumentKind<{ c: number; v: number }> = {
  kind: "toy",
  currentVersion: 3,
  migrations: [({ a, ...rest }) => ({ ...rest, b: a, v: 2 }), ({ b, ...rest }) => ({ ...rest, c: b, v: 3 })],
  schema: z.object({ c: z.number(), v: z.literal(3) }),
};

describe("loadVersioned", () => {
  it("runs every step from the stored version up, in order, then the schema", () => {
    expect(oldestVersion(toy)).toBe(1);
    expect(loadVersioned(toy, { a: 1, v: 1 }, 1)).toEqual({ ok: true, value: { c: 1, v: 3 }, migratedFrom: 1 });
    expect(loadVersioned(toy, { b: 2, v: 2 }, 2)).toEqual({ ok: true, value: { c: 2, v: 3 }, migratedFrom: 2 });
    expect(loadVersioned(toy, { c: 3, v: 3 }, 3)).toEqual({ ok: true, value: { c: 3, v: 3 }, migratedFrom: 3 });
  });

  it("refuses what it cannot upgrade or what fails the schema, saying why", () => {
    expect(loadVersioned(toy, { c: 1, v: 3 }, 4)).toMatchObject({ ok: false, message: "Toy version 4 is newer than this server understands (3)" });
    expect(loadVersioned(toy, {}, 0)).toMatchObject({ ok: false, message: "No migration from toy version 0" });
    expect(loadVersioned(toy, [], 3)).toMatchObject({ ok: false, message: "A toy must be a JSON object" });
    const bad = loadVersioned(toy, { c: "three", v: 3 }, 3);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.issues[0]?.path).toEqual(["c"]);
      expect(bad.message).toContain("c");
    }
  });
});
