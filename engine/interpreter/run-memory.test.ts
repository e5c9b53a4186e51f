import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDefinition } from "../graph/test-graph";
import type { FunctionDefinition } from "../model";
import type { FunctionLoader } from "../ports";
import { createJsSandbox, type JsSandbox } from "../sandbox/js";
import { createPythonSandbox, type PythonSandboxHandle } from "../sandbox/python";
import type { CodeSandbox, PythonSandbox, SandboxResult } from "../sandbox/types";
import { runFunction, type RunOutcome } from ".";
import { LOG_ENTRY_OVERHEAD, RUN_DATA_BUDGET } from "./run-budget";

/**
 * Issue 13, failure 1: a function's logs were kept in full for the whole run (each block capped
 * on its own), so a loop of big console.log calls took the server's heap with it. Memory is now
 * bounded per run: these are the log bomb through the real sandboxes and the interpreter, and
 * assert on the bytes the run retained and the bytes the sandboxes shipped back.
 */

const BUDGET = 64 * 1024;
/** A final note per sandbox call past the budget, and the run's marker: each well under this. */
const NOTE = 200;

const bytesOf = (logs: ReadonlyArray<{ message: string }>) => logs.reduce((n, l) => n + l.message.length + LOG_ENTRY_OVERHEAD, 0);
/** What the run retained: every trace entry's lines (the run's `logs` are the same strings). */
const retained = (out: RunOutcome) => out.trace.reduce((n, e) => n + bytesOf(e.logs), 0);
const dropped = (out: RunOutcome) => Number(/; (\d+) bytes dropped/.exec(out.logs.at(-1)?.message ?? "")?.[1] ?? NaN);
/** Characters of the lines kept, the marker aside. */
const kept = (out: RunOutcome) => out.logs.slice(0, -1).reduce((n, l) => n + l.message.length, 0);

/** The real sandbox, counting the log bytes it hands back to the engine (what crossed the message channel). */
function counting<S extends CodeSandbox | PythonSandbox>(sandbox: S): { port: S; shipped: () => number; calls: () => number } {
  let shipped = 0;
  let calls = 0;
  const count = (r: SandboxResult) => {
    shipped += bytesOf(r.logs);
    calls++;
    return r;
  };
  // `as`: the wrapper has the same run signature as the sandbox it wraps (code requests only for Python).
  const port = { run: (req: never, signal?: AbortSignal) => sandbox.run(req, signal).then(count) } as unknown as S;
  return { port, shipped: () => shipped, calls: () => calls };
}

//  start ─► each ─body─► spam (logs `size` characters, `n` times)
function logBomb(language: "javascript" | "python", n: number, size: number): FunctionDefinition {
  const source = language === "javascript" ? `console.log("x".repeat(${size})); return index` : `print("x" * ${size})\nreturn index`;
  return testDefinition(
    {
      start: "start",
      each: { type: "loop", config: { source: `{{ Array.from({ length: ${n} }, (_, i) => i) }}`, maxIterations: n } },
      spam: { type: "code", parent: "each", config: { language, source } },
    },
    ["start -> each", "each -body-> spam"],
    { limits: { maxLogBytes: BUDGET } },
  );
}

const small = testDefinition({ start: "start", hi: { type: "code", config: { source: "console.log('next call'); return 2" } } }, ["start -> hi"]);

describe("memory per run: logs (JavaScript)", () => {
  let js: JsSandbox;
  beforeAll(() => {
    js = createJsSandbox();
  });
  afterAll(() => js.close());

  it("keeps a run's logs within its budget as they arrive, with a marker saying how much was dropped", async () => {
    const n = 200;
    const size = 60_000;
    const sandbox = counting(js);
    const out = await runFunction(logBomb("javascript", n, size), {}, { js: sandbox.port });
    expect(out.status).toBe("ok");
    expect(out.result).toHaveLength(n);
    // Retained: the budget (and one marker), not n × 60 KB.
    expect(retained(out)).toBeLessThanOrEqual(BUDGET + NOTE);
    expect(bytesOf(out.logs)).toBeLessThanOrEqual(BUDGET + NOTE);
    expect(out.logs.at(-1)).toMatchObject({ level: "warn", message: expect.stringMatching(/^Logs truncated: this run's logs are limited to 65536 bytes; \d+ bytes dropped$/) });
    // Every character printed was either kept or counted in the marker.
    expect(out.logs[0].message).toHaveLength(size);
    expect(kept(out) + dropped(out)).toBe(n * size);
    // The workers shipped back the budget and a short note per call, never n × 60 KB.
    expect(sandbox.calls()).toBe(n + 1);
    expect(sandbox.shipped()).toBeLessThanOrEqual(BUDGET + sandbox.calls() * NOTE);
    // And the next call is fine, with its own budget.
    const next = await runFunction(small, {}, { js });
    expect(next).toMatchObject({ status: "ok", result: 2 });
    expect(next.logs.map((l) => l.message)).toEqual(["next call"]);
  });

  it("counts a called function's logs against the caller's budget", async () => {
    const callee = logBomb("javascript", 20, 10_000);
    const functions: FunctionLoader = { load: async (id) => (id === "noisy" ? { id, name: "noisy", definition: callee } : null) };
    //  start ─► before (logs 40 KB) ─► call (noisy: 20 × 10 KB)
    const caller = testDefinition(
      {
        start: "start",
        before: { type: "code", config: { source: 'console.log("y".repeat(40000)); return 1' } },
        call: { type: "callFunction", config: { functionId: "noisy", args: {} } },
      },
      ["start -> before", "before -> call"],
      { limits: { maxLogBytes: BUDGET } },
    );
    const out = await runFunction(caller, {}, { js, functions });
    expect(out.status).toBe("ok");
    expect(retained(out)).toBeLessThanOrEqual(BUDGET + NOTE);
    expect(out.logs[0].message).toHaveLength(40_000);
    expect(out.logs.at(-1)?.message).toMatch(/^Logs truncated: this run's logs are limited to 65536 bytes; \d+ bytes dropped$/);
  });

  it("stops a loop at the iteration whose results cross maxOutputBytes, not after holding them all", async () => {
    //  start ─► each ─body─► big (20 KB per iteration; the loop may hold 64 KB)
    const def = testDefinition(
      {
        start: "start",
        each: { type: "loop", config: { source: "{{ Array.from({ length: 100 }, (_, i) => i) }}", maxIterations: 100 } },
        big: { type: "code", parent: "each", config: { source: 'return "z".repeat(20000)' } },
      },
      ["start -> each", "each -body-> big"],
      { limits: { maxOutputBytes: 64 * 1024 } },
    );
    const out = await runFunction(def, {}, { js });
    expect(out.error).toMatchObject({ code: "OUTPUT_TOO_LARGE", block: "each" });
    expect(out.error?.message).toMatch(/after 4 of 100 iterations/);
    expect(out.trace.filter((e) => e.blockName === "big")).toHaveLength(4);
  });
});

describe("memory per run: block data", () => {
  let js: JsSandbox;
  beforeAll(() => {
    js = createJsSandbox({ poolSize: 1 });
  });
  afterAll(() => js.close());

  it("refuses the block whose data would take what the run holds past its budget", async () => {
    const big = { type: "code" as const, config: { source: 'return "z".repeat(8000000)' } };
    //  start ─► a ─► b ─► c ─► d ─► e, each 8 MB: four fit in the 32 MiB a run may hold, the fifth does not
    const def = testDefinition({ start: "start", a: big, b: big, c: big, d: big, e: big }, ["start -> a", "a -> b", "b -> c", "c -> d", "d -> e"]);
    const out = await runFunction(def, {}, { js });
    expect(4 * 8_000_002).toBeLessThanOrEqual(RUN_DATA_BUDGET);
    expect(out.error).toMatchObject({ code: "OUTPUT_TOO_LARGE", block: "e", data: { limitBytes: RUN_DATA_BUDGET } });
    expect(out.trace.map((t) => [t.blockName, t.status])).toEqual([["start", "ok"], ["a", "ok"], ["b", "ok"], ["c", "ok"], ["d", "ok"], ["e", "error"]]);
  }, 60_000);

  it("releases a loop iteration's data when the iteration ends", async () => {
    //  start ─► each ─body─► make (4 MB) ─► measure (its length): ten iterations make 40 MB, one at a time
    const def = testDefinition(
      {
        start: "start",
        each: { type: "loop", config: { source: "{{ [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] }}" } },
        make: { type: "code", parent: "each", config: { source: 'return "z".repeat(4000000)' } },
        measure: { type: "code", parent: "each", config: { source: "return make.data.length" } },
      },
      ["start -> each", "each -body-> make", "make -> measure"],
    );
    const out = await runFunction(def, {}, { js });
    expect(10 * 4_000_002).toBeGreaterThan(RUN_DATA_BUDGET);
    expect(out).toMatchObject({ status: "ok", result: Array(10).fill(4_000_000) });
  }, 60_000);
});

describe("memory per run: logs (Python)", () => {
  let python: PythonSandboxHandle;
  let js: JsSandbox;
  beforeAll(() => {
    python = createPythonSandbox({ poolSize: 1 });
    js = createJsSandbox({ poolSize: 1 });
  });
  afterAll(async () => {
    await python.close();
    await js.close();
  });

  it("keeps a run's Python logs within its budget, the harness capturing only what is left of it", async () => {
    const n = 20;
    const size = 60_000;
    const sandbox = counting<PythonSandbox>(python);
    const out = await runFunction(logBomb("python", n, size), {}, { js, python: sandbox.port });
    expect(out.status).toBe("ok");
    expect(retained(out)).toBeLessThanOrEqual(BUDGET + NOTE);
    expect(out.logs.at(-1)?.message).toMatch(/^Logs truncated: this run's logs are limited to 65536 bytes; \d+ bytes dropped$/);
    // print writes the text and the line end separately; both are counted when dropped.
    expect(kept(out) + dropped(out)).toBeGreaterThanOrEqual(n * size);
    expect(kept(out) + dropped(out)).toBeLessThanOrEqual(n * (size + 1));
    expect(sandbox.shipped()).toBeLessThanOrEqual(BUDGET + sandbox.calls() * NOTE);
    const next = await runFunction(logBomb("python", 1, 10), {}, { js, python });
    expect(next.status).toBe("ok");
    expect(next.logs.map((l) => l.message)).toEqual(["x".repeat(10)]);
  }, 120_000);
});
