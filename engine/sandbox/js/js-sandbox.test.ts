import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxLimits, SandboxResult, Scope } from "../types";
import { createJsSandbox, type JsSandbox } from "./index";

// Real QuickJS in real worker threads. Limits are short so the whole file stays fast on 2 cores.
const MB = 1024 * 1024;
const limits: SandboxLimits = { timeoutMs: 1000, memoryBytes: 64 * MB, maxLogBytes: 16 * 1024, maxOutputBytes: 5 * MB };
/**
 * The pool's backstops, generous where a test checks what the WORKER answers (its logs, its
 * counters): on a loaded machine a starved worker thread can miss a short grace, and the pool's
 * kill (tested in pool.test.ts) would then answer instead. Likewise the admission wait, where
 * admission is not what is tested: a worker may take seconds to start on a busy machine.
 */
const PATIENT = { killGraceMs: 10_000, maxWaitMs: 30_000 };

let sandbox: JsSandbox;
beforeAll(async () => {
  sandbox = createJsSandbox({ poolSize: 2, ...PATIENT });
  await sandbox.warmUp();
});
afterAll(async () => {
  await sandbox.close();
});

function code(source: string, scope: Scope = {}, over: Partial<SandboxLimits> = {}): Promise<SandboxResult> {
  return sandbox.run({ kind: "code", source, scope, limits: { ...limits, ...over } });
}
function exprs(expressions: string[], scope: Scope = {}): Promise<SandboxResult> {
  return sandbox.run({ kind: "expressions", expressions, scope, limits });
}
/** After a limit was hit, both workers still answer a normal request. */
async function stillServes(): Promise<void> {
  const rs = await Promise.all([code("return 40 + 2"), code("return 40 + 2")]);
  for (const r of rs) expect(r).toMatchObject({ ok: true, value: 42 });
}
function errorOf(r: SandboxResult) {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value)}`);
  return r.error;
}

describe("code blocks", () => {
  it("returns the value of an async function body, with await", async () => {
    expect(await code("return 1")).toEqual({ ok: true, value: 1, logs: [], logsTruncated: false });
    expect(await code("const x = await Promise.resolve(20); return { x: x + 1, list: [1, 'a', null, true] }")).toMatchObject({
      ok: true,
      value: { x: 21, list: [1, "a", null, true] },
    });
  });

  it("treats undefined as null and turns Dates into strings", async () => {
    expect(await code("const x = 1")).toMatchObject({ ok: true, value: null });
    expect(await code("return new Date(0)")).toMatchObject({ ok: true, value: "1970-01-01T00:00:00.000Z" });
  });

  it("sees scope entries as globals: parameters, finished blocks, item/index", async () => {
    const scope = { userId: 7, getUser: { data: { name: "Ada" }, error: null }, item: { n: 2 }, index: 3, unused: { big: "x" } };
    const r = await code("return [userId, getUser.data.name, getUser.error, item.n * index]", scope);
    expect(r).toMatchObject({ ok: true, value: [7, "Ada", null, 6] });
  });

  it("captures console output with levels and time, objects as JSON", async () => {
    const r = await code("console.log('a', 1, {b: [2]}); console.info('i'); console.warn('w'); console.error(new TypeError('bad')); return 0");
    expect(r.ok).toBe(true);
    expect(r.logs.map((l) => [l.level, l.message])).toEqual([
      ["log", 'a 1 {"b":[2]}'],
      ["info", "i"],
      ["warn", "w"],
      ["error", "TypeError: bad"],
    ]);
    for (const l of r.logs) expect(l.t).toBeGreaterThanOrEqual(0);
  });

  it("reports a thrown error as BLOCK_FAILED with its message and a stack within user code", async () => {
    const e = errorOf(await code("const a = 1;\nfunction inner() { throw new Error('boom') }\ninner()"));
    expect(e).toMatchObject({ code: "BLOCK_FAILED", status: 500, message: "boom" });
    expect(e.detail).toContain("block.js:2");
    expect(e.detail).not.toContain("lathe-prelude");
    expect(errorOf(await code("throw 'plain string'"))).toMatchObject({ code: "BLOCK_FAILED", message: "plain string" });
    expect(errorOf(await code("return missing.x"))).toMatchObject({ code: "BLOCK_FAILED", message: "'missing' is not defined" });
  });

  it("reports syntax errors with their line", async () => {
    const e = errorOf(await code("const a = 1;\nconst b = ;\nreturn a"));
    expect(e.code).toBe("BLOCK_FAILED");
    expect(e.message).toMatch(/line 2/);
    expect(e.detail).toMatch(/^SyntaxError/);
  });

  it("turns ServerError into USER_ERROR with status and data", async () => {
    expect(errorOf(await code("throw new ServerError('Not found', { status: 404, data: { id: 9 } })"))).toMatchObject({
      code: "USER_ERROR",
      status: 404,
      message: "Not found",
      data: { id: 9 },
    });
    expect(errorOf(await code("throw new ServerError('odd', { status: 302 })"))).toMatchObject({ code: "USER_ERROR", status: 500 });
    expect(errorOf(await code("throw new ServerError('plain')"))).toMatchObject({ code: "USER_ERROR", status: 500 });
    const e = errorOf(await code("throw new ServerError('fn data', { status: 400, data: { f: 1n } })"));
    expect(e).toMatchObject({ code: "USER_ERROR", status: 400 });
    expect(e.data).toBeUndefined();
  });
});

describe("results that JSON cannot carry", () => {
  it.each([
    ["return () => 1", /is a function/],
    ["return { a: { f() {} } }", /contains a function at key f/],
    ["return [Symbol('s')]", /a symbol/],
    ["return 10n", /a BigInt/],
    ["return { n: NaN }", /the number NaN/],
    ["return [Infinity]", /the number Infinity/],
    ["const o = {}; o.self = o; return o", /circular/],
    ["return { m: new Map([[1, 2]]) }", /a Map/],
    ["return { p: Promise.resolve(1) }", /a Promise/],
  ])("%s → OUTPUT_NOT_JSON", async (source, message) => {
    const e = errorOf(await code(source));
    expect(e.code).toBe("OUTPUT_NOT_JSON");
    expect(e.message).toMatch(message);
  });

  it("refuses a 20 MB result with OUTPUT_TOO_LARGE", async () => {
    const e = errorOf(await code("return 'x'.repeat(20 * 1024 * 1024)"));
    expect(e).toMatchObject({ code: "OUTPUT_TOO_LARGE", status: 500 });
    expect(e.message).toMatch(/larger than the 5 MB limit/);
  });

  it("stops serializing a result made of many small values once it exceeds the limit", async () => {
    const small = { ...limits, maxOutputBytes: 1000 };
    const r = await sandbox.run({ kind: "code", source: "return Array.from({ length: 1e6 }, (_, i) => i)", scope: {}, limits: small });
    expect(errorOf(r).code).toBe("OUTPUT_TOO_LARGE");
    const e = await sandbox.run({ kind: "expressions", expressions: ["'x'.repeat(600)", "'y'.repeat(600)"], scope: {}, limits: small });
    expect(errorOf(e).code).toBe("OUTPUT_TOO_LARGE");
  });

  it("counts UTF-8 bytes, not characters, against the output limit", async () => {
    const small = { ...limits, maxOutputBytes: 1000 };
    const r = await sandbox.run({ kind: "code", source: "return 'é'.repeat(600)", scope: {}, limits: small });
    expect(errorOf(r).code).toBe("OUTPUT_TOO_LARGE");
  });
});

describe("expressions", () => {
  it("evaluates a batch against the scope, in order", async () => {
    const scope = { a: 2, q: { data: [{ id: 1 }, { id: 2 }], error: null } };
    const r = await exprs(["a * 21", "q.data.map(r => r.id)", "`id-${q.data[0].id}`", "{ x: a }", "undefined", "q.error"], scope);
    expect(r).toMatchObject({ ok: true, value: [42, [1, 2], "id-1", { x: 2 }, null, null] });
  });

  it("names the failing expression", async () => {
    const e = errorOf(await exprs(["1", "nope.x", "3"]));
    expect(e).toMatchObject({ code: "EXPRESSION_FAILED" });
    expect(e.message).toBe("'nope' is not defined in {{ nope.x }}");
    expect(errorOf(await exprs(["1 +"])).code).toBe("EXPRESSION_FAILED");
    expect(errorOf(await exprs(["() => 1"])).message).toMatch(/The expression \{\{ \(\) => 1 \}\} is a function/);
  });
});

describe("limits", () => {
  it("stops an infinite loop with SANDBOX_TIMEOUT", async () => {
    const e = errorOf(await code("while (true) {}", {}, { timeoutMs: 200 }));
    expect(e).toMatchObject({ code: "SANDBOX_TIMEOUT", message: "Code ran longer than 200 ms" });
    await stillServes();
  });

  it("stops a loop that catches its interruption", async () => {
    const r = await code("console.log('before'); while (true) { try { while (true) {} } catch (e) {} }", {}, { timeoutMs: 200 });
    expect(errorOf(r).code).toBe("SANDBOX_TIMEOUT");
    expect(r.logs.map((l) => l.message)).toEqual(["before"]);
    await stillServes();
  });

  it("stops a catastrophic regular expression", async () => {
    const e = errorOf(await code("return /(a+)+$/.test('a'.repeat(40) + 'b')", {}, { timeoutMs: 200 }));
    expect(e.code).toBe("SANDBOX_TIMEOUT");
    await stillServes();
  });

  it("stops a memory bomb with SANDBOX_MEMORY and keeps the host's memory bounded", async () => {
    const before = process.memoryUsage().rss;
    const e = errorOf(await code("const a = []; while (true) a.push('x'.repeat(100000) + a.length)", {}, { timeoutMs: 5000 }));
    expect(e).toMatchObject({ code: "SANDBOX_MEMORY", message: "Code used more than 64 MB" });
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * MB);
    await stillServes();
  });

  it("reports deep recursion as a clean error", async () => {
    const e = errorOf(await code("function f() { return f() } return f()"));
    expect(e).toMatchObject({ code: "BLOCK_FAILED" });
    expect(e.message).toMatch(/stack overflow/);
    await stillServes();
  });

  it("survives JSON.parse of deeply nested text", async () => {
    const e = errorOf(await code("return JSON.parse('['.repeat(1e6))"));
    expect(e.code).toBe("BLOCK_FAILED");
    await stillServes();
  });

  it("caps a console flood", async () => {
    const r = await code("for (let i = 0; i < 1e6; i++) console.log('line ' + i); return 'done'", {}, { timeoutMs: 8000 });
    expect(r.logsTruncated).toBe(true);
    const bytes = r.logs.reduce((n, l) => n + l.message.length + 40, 0);
    expect(bytes).toBeLessThanOrEqual(limits.maxLogBytes + 200);
    expect(r.logs.at(-1)?.message).toMatch(/Logs truncated/);
    if (r.ok) expect(r.value).toBe("done");
    else expect(r.error.code).toBe("SANDBOX_TIMEOUT");
  });

  it("reports a promise that can never settle", async () => {
    const e = errorOf(await code("await new Promise(() => {})"));
    expect(e.code).toBe("BLOCK_FAILED");
    expect(e.message).toMatch(/never finished/);
  });
});

describe("isolation", () => {
  it("exposes nothing of the host", async () => {
    const r = await code(
      "return [typeof process, typeof require, typeof fetch, typeof setTimeout, typeof setInterval, typeof Buffer, typeof module, typeof WebAssembly]",
    );
    expect(r).toMatchObject({ ok: true, value: Array(8).fill("undefined") });
    const g = await code("return Object.getOwnPropertyNames(Function('return this')())");
    expect(g.ok).toBe(true);
    const names = (g as { value: string[] }).value;
    for (const host of ["process", "require", "Buffer", "global", "fetch", "setTimeout", "setImmediate", "queueMicrotask", "WebAssembly", "load"]) {
      expect(names).not.toContain(host);
    }
    expect(names).toEqual(expect.arrayContaining(["console", "ServerError", "_", "dayjs", "JSON"]));
  });

  it("refuses dynamic import", async () => {
    const e = errorOf(await code("const fs = await import('fs'); return typeof fs"));
    expect(e.code).toBe("BLOCK_FAILED");
    expect(e.message).toMatch(/import is not available/);
  });

  it("does not leak globals or prototype pollution into the next run", async () => {
    const polluted = await code("Object.prototype.polluted = 1; Array.prototype.push = null; globalThis.leak = 1; JSON.stringify = () => 'x'; return 1");
    expect(polluted).toMatchObject({ ok: true, value: 1 });
    // Several runs, so both workers (and fresh contexts after the polluted one) are checked.
    const rs = await Promise.all(
      Array.from({ length: 4 }, () => code("const a = []; a.push(1); return [({}).polluted === undefined, typeof leak, JSON.stringify({ a })]")),
    );
    for (const r of rs) expect(r).toMatchObject({ ok: true, value: [true, "undefined", '{"a":[1]}'] });
  });
});

describe("isolation on a reused runtime", () => {
  // One worker, so every request below runs on the same QuickJS runtime (each in a new context),
  // unless the worker had to replace it.
  let one: JsSandbox;
  beforeAll(() => {
    one = createJsSandbox({ poolSize: 1, killGraceMs: 300, maxWaitMs: PATIENT.maxWaitMs, recycleAboveBytes: 1024 * MB });
  });
  afterAll(async () => {
    await one.close();
  });
  const run = (source: string, over: Partial<SandboxLimits> = {}) =>
    one.run({ kind: "code", source, scope: { s: 1 }, limits: { ...limits, ...over } });
  const GLOBALS = "return Object.getOwnPropertyNames(globalThis).sort()";

  it("reuses the runtime: far fewer runtimes than requests", async () => {
    const before = one.stats().workers;
    for (let i = 0; i < 30; i++) expect(await run("return s + 1")).toMatchObject({ ok: true, value: 2 });
    const after = one.stats().workers;
    expect(after.runs - before.runs).toBeGreaterThanOrEqual(29);
    expect(after.runtimes - before.runtimes).toBeLessThanOrEqual(1);
  });

  it("gives every request pristine intrinsics and globals, whatever the previous one changed", async () => {
    const pristine = await run(GLOBALS);
    expect(pristine.ok).toBe(true);
    const polluted = await run(`
      Object.prototype.polluted = 1; Array.prototype.push = null; Array.prototype.map = () => "x";
      JSON.stringify = () => "x"; JSON.parse = () => "x"; Function.prototype.call = null;
      Promise.prototype.then = null; Error.prototype.toString = () => "x"; Math.random = () => 4;
      Object.defineProperty(Object.prototype, "toJSON", { value: () => "x", configurable: true });
      globalThis.leak = 1; var leakVar = 2; globalThis.console = 3; _ = 4; s = 5;
      Object.freeze(Object.prototype); Object.preventExtensions(globalThis);
      return 1`);
    expect(polluted).toMatchObject({ ok: true, value: 1 });
    const check = `
      const a = []; a.push(1);
      return [({}).polluted === undefined, [1].map((x) => x + 1)[0], JSON.stringify({ a }), JSON.parse("[2]")[0],
        typeof leak, typeof leakVar, typeof console.log, typeof _.sum, s, Object.isExtensible(globalThis),
        await Promise.resolve(3), String(new Error("e")), Math.random() < 1]`;
    for (let i = 0; i < 3; i++) {
      expect(await run(check)).toMatchObject({
        ok: true,
        value: [true, 2, '{"a":[1]}', 2, "undefined", "undefined", "function", "function", 1, true, 3, "Error: e", true],
      });
    }
    expect(await run(GLOBALS)).toEqual(pristine);
  });

  it("hands user code no object of another context", async () => {
    const r = await run(`
      const d = Object.getOwnPropertyDescriptor(globalThis, "console");
      const fns = [d.get, d.set, console.log, _.sum, dayjs, ServerError];
      let caught;
      try { throw new ServerError("x", { data: 1 }) } catch (e) { caught = e }
      return fns.map((f) => f.constructor === Function && f.constructor("return globalThis")() === globalThis)
        .concat([caught instanceof Error, Object.getPrototypeOf(_) === Object.prototype])`);
    expect(r).toMatchObject({ ok: true, value: [true, true, true, true, true, true, true, true] });
    // A lazy global that cannot be defined makes the sandbox's own code fail while user code is
    // on the stack: the error user code catches must belong to its own context.
    const e = await run(`
      Object.defineProperty(globalThis, "dayjs", { configurable: false });
      try { dayjs; return "no error" } catch (e) {
        return [e instanceof Error, e.constructor === Error, e.constructor.constructor("return globalThis")() === globalThis, e.message]
      }`);
    expect(e).toMatchObject({ ok: true, value: [true, true, true, "dayjs could not be loaded"] });
    // What the sandbox calls back while encoding the result sees only user-realm values.
    const j = await run(`
      const v = { toJSON(k) { console.log(typeof k, this === v); return 1 } };
      return { v, get g() { console.log(Object.getPrototypeOf(this) === Object.prototype); return 2 } }`);
    expect(j).toMatchObject({ ok: true, value: { v: 1, g: 2 } });
    expect(j.logs.map((l) => l.message)).toEqual(["string true", "true"]);
  });

  it("does not let a finalization callback or a pending job of one request run in the next", async () => {
    const left = await run(`
      const r = new FinalizationRegistry(() => { while (true) {} });
      (() => { const a = {}; a.self = a; r.register(a, 1); })();
      globalThis.r = r;
      return 1`);
    expect(left).toMatchObject({ ok: true, value: 1 });
    const pending = await one.run({
      kind: "expressions",
      expressions: ["(Promise.resolve().then(() => { while (true) {} }), 1)"],
      scope: {},
      limits,
    });
    expect(pending).toMatchObject({ ok: true, value: [1] });
    for (let i = 0; i < 3; i++) expect(await run("return 2", { timeoutMs: 300 })).toMatchObject({ ok: true, value: 2 });
  });

  it("frees what a request left behind before the next one: memory it kept is available again", async () => {
    // Many live objects raise QuickJS's GC threshold, so without a collection between requests the
    // next one would start with ~45 MB of the previous one's garbage and fail at the memory cap.
    const big = await run(
      "globalThis.keep = Array.from({ length: 200000 }, (_, i) => ({ i })); globalThis.big = 'x'.repeat(30 * 1024 * 1024) + 'y'; return big.length",
      { timeoutMs: 5000 },
    );
    expect(big).toMatchObject({ ok: true, value: 30 * 1024 * 1024 + 1 });
    const again = await run("const s = 'z'.repeat(30 * 1024 * 1024) + 'w'; return s.length", { timeoutMs: 5000 });
    expect(again).toMatchObject({ ok: true, value: 30 * 1024 * 1024 + 1 });
  });

  it("frees the runtime of a run the kernel stopped (its answer's `stopped` field), and only that one", async () => {
    for (let i = 0; i < 3; i++) await run("return 0");
    const before = one.stats().workers.runtimes;
    await run("return 0");
    expect(one.stats().workers.runtimes).toBe(before);
    // The interruption is caught by the kernel, which reports SANDBOX_TIMEOUT with `stopped: true`.
    expect(errorOf(await run("while (true) {}", { timeoutMs: 150 })).code).toBe("SANDBOX_TIMEOUT");
    // Counters ride on the next answer: by then the stopped run's runtime was freed and a new one made.
    await run("return 0");
    expect(one.stats().workers.runtimes).toBe(before + 1);
  });

  it("keeps the deadline, the stack limit and the memory limit on a reused runtime", async () => {
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 5; i++) await run("return 0");
      const started = performance.now();
      expect(errorOf(await run("while (true) {}", { timeoutMs: 150 })).code).toBe("SANDBOX_TIMEOUT");
      expect(performance.now() - started).toBeLessThan(1000);
      for (let i = 0; i < 5; i++) await run("return 0");
      expect(errorOf(await run("function f() { return f() } return f()")).message).toMatch(/stack overflow/);
      expect(errorOf(await run("function f() { return f() } return f()")).message).toMatch(/stack overflow/);
      for (let i = 0; i < 5; i++) await run("return 0");
      const bomb = await run("const a = []; while (true) a.push('x'.repeat(100000) + a.length)", { timeoutMs: 5000 });
      expect(errorOf(bomb).code).toBe("SANDBOX_MEMORY");
      expect(await run("return 42")).toMatchObject({ ok: true, value: 42 });
    }
    const { workers } = one.stats();
    expect(workers.disposeFailures).toBe(0);
  });
});

describe("a new runtime per request (runtimeRuns: 1)", () => {
  it("serves every request from its own runtime and frees each one cleanly", async () => {
    const fresh = createJsSandbox({ poolSize: 1, runtimeRuns: 1, ...PATIENT });
    try {
      const sources = ["return 1", "console.log(1); return _.sum([1, 2])", "throw new Error('y')", "return () => 1", "while (true) {}"];
      for (const source of sources) await fresh.run({ kind: "code", source, scope: {}, limits: { ...limits, timeoutMs: 200 } });
      expect(await fresh.run({ kind: "code", source: "return s", scope: { s: 5 }, limits })).toMatchObject({ ok: true, value: 5 });
      await fresh.run({ kind: "code", source: "return 0", scope: {}, limits });
      const { workers } = fresh.stats();
      expect(workers.disposed).toBeGreaterThanOrEqual(sources.length + 1);
      expect(workers.runtimes).toBeGreaterThanOrEqual(sources.length + 2);
      expect(workers.disposeFailures).toBe(0);
      expect(workers.engineFailures).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});

describe("preloaded helpers", () => {
  it("provides lodash-style _", async () => {
    const r = await code(`
      const rows = [{ id: 1, team: "a", n: 3 }, { id: 2, team: "b", n: 1 }, { id: 3, team: "a", n: 2 }];
      return {
        get: _.get({ a: [{ b: 5 }] }, "a[0].b"), getDefault: _.get({}, "x.y", "d"),
        set: _.set({}, "a.b[0]", 1), pick: _.pick({ a: 1, b: 2, c: 3 }, ["a", "c"]), omit: _.omit({ a: 1, b: 2 }, "a"),
        groupBy: _.groupBy(rows, "team"), keyBy: Object.keys(_.keyBy(rows, "id")),
        sortBy: _.sortBy(rows, "n").map(r => r.id), orderBy: _.orderBy(rows, ["team", "n"], ["asc", "desc"]).map(r => r.id),
        uniq: _.uniq([1, 1, 2]), uniqBy: _.uniqBy(rows, "team").map(r => r.id), chunk: _.chunk([1, 2, 3], 2),
        flatten: _.flatten([1, [2, [3]]]), sum: _.sum([1, 2]), sumBy: _.sumBy(rows, "n"), mean: _.mean([1, 3]),
        meanBy: _.meanBy(rows, r => r.n), min: _.min([3, 1]), max: _.max([3, 1]), countBy: _.countBy(rows, "team"),
        partition: _.partition([1, 2, 3], x => x > 1), mapValues: _.mapValues({ a: 1 }, v => v * 2),
        isEqual: _.isEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), notEqual: _.isEqual({ a: 1 }, { a: 2 }),
        cloneDeep: (() => { const o = { a: { b: 1 } }; const c = _.cloneDeep(o); c.a.b = 2; return o.a.b; })(),
        range: [_.range(3), _.range(1, 7, 2)], zip: _.zip([1, 2], ["a", "b"]),
      };
    `);
    expect(r).toMatchObject({
      ok: true,
      value: {
        get: 5, getDefault: "d", set: { a: { b: [1] } }, pick: { a: 1, c: 3 }, omit: { b: 2 },
        groupBy: { a: [{ id: 1 }, { id: 3 }], b: [{ id: 2 }] }, keyBy: ["1", "2", "3"],
        sortBy: [2, 3, 1], orderBy: [1, 3, 2], uniq: [1, 2], uniqBy: [1, 2], chunk: [[1, 2], [3]],
        flatten: [1, 2, [3]], sum: 3, sumBy: 6, mean: 2, meanBy: 2, min: 1, max: 3, countBy: { a: 2, b: 1 },
        partition: [[2, 3], [1]], mapValues: { a: 2 }, isEqual: true, notEqual: false, cloneDeep: 1,
        range: [[0, 1, 2], [1, 3, 5]], zip: [[1, "a"], [2, "b"]],
      },
    });
  });

  it("provides a dayjs-like date helper", async () => {
    const r = await code(`
      const d = dayjs.utc("2024-01-31T10:05:00Z");
      return {
        format: d.format("YYYY-MM-DD HH:mm"), addMonth: d.add(1, "month").format("YYYY-MM-DD"),
        subtract: d.subtract(2, "day").format("YYYY-MM-DD"), addHours: d.add(15, "h").toISOString(),
        startOfMonth: d.startOf("month").toISOString(), endOfDay: d.endOf("day").toISOString(),
        diffDays: dayjs.utc("2024-03-01").diff(dayjs.utc("2024-02-01"), "day"),
        diffMonths: dayjs.utc("2024-03-15").diff(dayjs.utc("2024-01-15"), "month"),
        before: d.isBefore(d.add(1, "ms")), after: d.isAfter(d.add(1, "ms")),
        valueOf: d.valueOf(), unix: d.unix(), json: JSON.stringify({ d }),
        local: dayjs(new Date(2024, 0, 2, 3, 4)).format("YYYY-MM-DD HH:mm"),
      };
    `);
    expect(r).toMatchObject({
      ok: true,
      value: {
        format: "2024-01-31 10:05", addMonth: "2024-02-29", subtract: "2024-01-29", addHours: "2024-02-01T01:05:00.000Z",
        startOfMonth: "2024-01-01T00:00:00.000Z", endOfDay: "2024-01-31T23:59:59.999Z", diffDays: 29, diffMonths: 2,
        before: true, after: false, valueOf: Date.UTC(2024, 0, 31, 10, 5), unix: Date.UTC(2024, 0, 31, 10, 5) / 1000,
        json: '{"d":"2024-01-31T10:05:00.000Z"}', local: "2024-01-02 03:04",
      },
    });
  });
});

describe("admission and cancellation", () => {
  it("answers EXECUTOR_BUSY when the queue is full or the wait is too long", async () => {
    // No step depends on how fast a worker starts (a loaded machine may take longer than the
    // 150 ms wait): the test waits for the pool to report its worker ready. The long run then
    // holds that worker for at least 600 ms (its deadline counts from when the worker starts
    // it), four times the queued request's wait; and a stalled main thread runs a due timer
    // before it reads a worker's answer, so the queued request is refused first either way.
    const small = createJsSandbox({ poolSize: 1, maxQueue: 1, maxWaitMs: 150, killGraceMs: 300 });
    try {
      await small.warmUp();
      await small.run({ kind: "code", source: "return 0", scope: {}, limits }); // started and warm
      const long = small.run({ kind: "code", source: "while (true) {}", scope: {}, limits: { ...limits, timeoutMs: 600 } });
      const queued = small.run({ kind: "code", source: "return 1", scope: {}, limits });
      const rejected = await small.run({ kind: "code", source: "return 2", scope: {}, limits });
      expect(rejected).toMatchObject({ ok: false, error: { code: "EXECUTOR_BUSY", status: 503 } });
      expect(await queued).toMatchObject({ ok: false, error: { code: "EXECUTOR_BUSY", status: 503 } });
      expect(errorOf(await long).code).toBe("SANDBOX_TIMEOUT");
      // If the pool had to terminate the worker (a starved thread misses its own deadline), its
      // replacement must be up before the next request's 150 ms wait could matter.
      await small.warmUp();
      expect(await small.run({ kind: "code", source: "return 3", scope: {}, limits })).toMatchObject({ ok: true, value: 3 });
      expect(small.stats().rejectedBusy).toBe(2);
    } finally {
      await small.close();
    }
  });

  it("cancels a running request by terminating its worker, and a queued one by dropping it", async () => {
    const one = createJsSandbox({ poolSize: 1, killGraceMs: 300, maxWaitMs: PATIENT.maxWaitMs });
    try {
      await one.run({ kind: "code", source: "return 0", scope: {}, limits });
      const running = new AbortController();
      const queued = new AbortController();
      const a = one.run({ kind: "code", source: "while (true) {}", scope: {}, limits: { ...limits, timeoutMs: 5000 } }, running.signal);
      const b = one.run({ kind: "code", source: "return 1", scope: {}, limits }, queued.signal);
      queued.abort();
      expect(await b).toMatchObject({ ok: false, error: { code: "RUN_CANCELLED", status: 499 } });
      setTimeout(() => running.abort(), 50);
      const started = performance.now();
      expect(await a).toMatchObject({ ok: false, error: { code: "RUN_CANCELLED", status: 499 } });
      expect(performance.now() - started).toBeLessThan(1000);
      const pre = new AbortController();
      pre.abort();
      expect(errorOf(await one.run({ kind: "code", source: "return 1", scope: {}, limits }, pre.signal)).code).toBe("RUN_CANCELLED");
      expect(await one.run({ kind: "code", source: "return 2", scope: {}, limits })).toMatchObject({ ok: true, value: 2 });
      expect(one.stats()).toMatchObject({ cancelled: 3, workersStarted: 2 });
    } finally {
      await one.close();
    }
  });
});

describe("handles", () => {
  it("releases every QuickJS handle: no disposal failed and no module had to be dropped", async () => {
    const fresh = createJsSandbox({ poolSize: 1, ...PATIENT });
    try {
      const sources = [
        "return 1",
        "console.log({ a: 1 }); return _.sortBy([3, 1, 2])",
        "return dayjs.utc(0).format()",
        "throw new ServerError('x', { status: 418, data: [1] })",
        "throw new Error('y')",
        "return () => 1",
        "const o = {}; o.o = o; return o",
        "return 'x'.repeat(6 * 1024 * 1024)",
        "syntax error here",
        "while (true) {}",
        "await new Promise(() => {})",
        "return await Promise.reject(new Error('z'))",
      ];
      for (const source of sources) await fresh.run({ kind: "code", source, scope: { s: 1 }, limits: { ...limits, timeoutMs: 200 } });
      await fresh.run({ kind: "expressions", expressions: ["s + 1", "nope"], scope: { s: 1 }, limits });
      await fresh.run({ kind: "expressions", expressions: ["s + 1", "[s]"], scope: { s: 1 }, limits });
      // The worker frees a run's runtime after answering and reports its counters when it is
      // warm again: a few trivial runs make sure every run above has been freed and reported.
      const total = sources.length + 2;
      for (let i = 0; i < 20 && fresh.stats().workers.disposed < total; i++) {
        await fresh.run({ kind: "code", source: "return 0", scope: {}, limits });
        await new Promise((r) => setTimeout(r, 10));
      }
      const { workers } = fresh.stats();
      expect(workers.disposed).toBeGreaterThanOrEqual(total);
      // QuickJS's JS_FreeRuntime asserts that no object is left allocated: a leaked handle makes
      // disposal abort, which the worker counts.
      expect(workers.disposeFailures).toBe(0);
      expect(workers.engineFailures).toBe(0);
      expect(workers.engines).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});
