import { describe, expect, it } from "vitest";
import { compileGraph } from "../graph";
import { testDefinition, type BlockSpec } from "../graph/test-graph";
import { runRegion } from "./run-region";
import type { BlockOutcome } from "./types";

type Script = Record<string, BlockOutcome | ((signal: AbortSignal) => Promise<BlockOutcome>)>;
const ok = (data: unknown, port = "next"): BlockOutcome => ({ ok: true, data, port, returned: false, metadata: null });
const fail: BlockOutcome = { ok: false, error: { code: "BLOCK_FAILED", message: "x", status: 500 }, fatal: false };

/** Runs the main region of a test graph with scripted block outcomes (default: ok with the name as data). */
async function run(blocks: Record<string, BlockSpec>, edges: string[], script: Script = {}) {
  const region = compileGraph(testDefinition(blocks, edges)).main;
  const log: string[] = [];
  const outcome = await runRegion(
    region,
    {
      execute: async (id, signal) => {
        log.push(`start ${id}`);
        const s = script[id];
        const o = typeof s === "function" ? await s(signal) : await Promise.resolve(s ?? ok(id));
        log.push(`end ${id}`);
        return o;
      },
      skip: (id) => log.push(`skip ${id}`),
      abandon: (id) => log.push(`abandon ${id}`),
      countsAsResult: (id) => id !== "start",
    },
    new AbortController().signal,
  );
  return { outcome, log };
}

describe("runRegion", () => {
  //  start ─► a ─► c
  //    └────► b ──┘
  it("starts independent blocks together and joins", async () => {
    const { outcome, log } = await run({ start: "start", a: "code", b: "code", c: "code" }, ["start -> a", "start -> b", "a -> c", "b -> c"]);
    expect(log).toEqual(["start start", "end start", "start a", "start b", "end a", "end b", "start c", "end c"]);
    expect(outcome).toEqual({ kind: "completed", last: { blockId: "c", data: "c" } });
  });

  //  start ─► pick ─yes─► a ─► b ─► join
  //             └──else─► c ──────► join
  it("skips the branch not taken and runs the join once", async () => {
    const { log } = await run(
      { start: "start", pick: "branch", a: "code", b: "code", c: "code", join: "code" },
      ["start -> pick", "pick -yes-> a", "pick -else-> c", "a -> b", "b -> join", "c -> join"],
      { pick: ok("else", "else") },
    );
    expect(log.filter((l) => !l.startsWith("end"))).toEqual(["start start", "start pick", "skip a", "skip b", "start c", "start join"]);
  });

  //  start ─► a ─error─► rescue        a ─► b
  it("follows an error edge and leaves next inactive", async () => {
    const { outcome, log } = await run({ start: "start", a: "code", b: "code", rescue: "code" }, ["start -> a", "a -> b", "a -error-> rescue"], { a: fail });
    expect(log).toContain("skip b");
    expect(outcome).toEqual({ kind: "completed", last: { blockId: "rescue", data: "rescue" } });
  });

  //  start ─► a ─► b      start ─► slow
  it("fails on an unrouted error, aborting what is running and skipping the rest", async () => {
    let aborted = false;
    const slow = (signal: AbortSignal) =>
      new Promise<BlockOutcome>((resolve) => signal.addEventListener("abort", () => ((aborted = true), resolve(ok("late")))));
    const { outcome, log } = await run({ start: "start", a: "code", b: "code", slow: "code" }, ["start -> a", "a -> b", "start -> slow"], { a: fail, slow });
    expect(outcome).toMatchObject({ kind: "failed", blockId: "a", fatal: false });
    expect(log).toContain("abandon slow");
    expect(log).toContain("skip b");
    expect(aborted).toBe(true);
  });

  //  start ─► r (return)      start ─► a ─► b
  it("ends at the first return", async () => {
    const { outcome, log } = await run({ start: "start", r: "return", a: "code", b: "code" }, ["start -> r", "start -> a", "a -> b"], {
      r: { ok: true, data: 42, port: "next", returned: true, metadata: null },
      a: () => new Promise((resolve) => setTimeout(() => resolve(ok("a")), 20)),
    });
    expect(outcome).toEqual({ kind: "returned", blockId: "r", value: 42 });
    expect(log).toEqual(["start start", "end start", "start r", "start a", "end r", "abandon a", "skip b"]);
  });

  //  start ─► a ─error─► b    (a fails fatally: the error edge is ignored)
  it("does not route fatal errors", async () => {
    const { outcome } = await run({ start: "start", a: "code", b: "code" }, ["start -> a", "a -error-> b"], { a: { ...fail, fatal: true } });
    expect(outcome).toMatchObject({ kind: "failed", fatal: true });
  });
});
