import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxLimits, SandboxResult } from "../types";
import { createPythonSandbox, type PythonRunRequest, type PythonSandboxHandle } from ".";

/**
 * The Python sandbox with real Pyodide in real child processes: results, logs, scope,
 * failures, result checks, and the isolation between apps. One sandbox for the file; the
 * snapshot is made on first use (data/cache) and reused by later runs.
 */

const MIB = 1024 * 1024;
const limits: SandboxLimits = { timeoutMs: 10_000, memoryBytes: 64 * MIB, maxLogBytes: 64 * 1024, maxOutputBytes: MIB };

let py: PythonSandboxHandle;

beforeAll(async () => {
  // A long admission wait: on a loaded 2-core machine a recycled process's restore can take seconds.
  // Two processes at most: the keys below outnumber them, so recycling for another key is exercised.
  py = createPythonSandbox({ poolSize: 2, maxProcesses: 2, maxWaitMs: 20_000 });
  await py.warmUp();
}, 120_000);
afterAll(() => py.close());

function run(
  source: string,
  scope: Record<string, unknown> = {},
  extra: { isolationKey?: string; limits?: Partial<SandboxLimits> } = {},
): Promise<SandboxResult> {
  const request: PythonRunRequest = { kind: "code", source, scope, limits: { ...limits, ...extra.limits } };
  if (extra.isolationKey !== undefined) request.isolationKey = extra.isolationKey;
  return py.run(request);
}

function errorOf(r: SandboxResult) {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value)}`);
  return r.error;
}

describe("results and logs", () => {
  it("returns the value of `return`; None and no return are null", async () => {
    expect(await run("return 1 + 1")).toEqual({ ok: true, value: 2, logs: [], logsTruncated: false });
    expect(await run("return None")).toMatchObject({ ok: true, value: null });
    expect(await run("x = 1")).toMatchObject({ ok: true, value: null });
    expect(await run("")).toMatchObject({ ok: true, value: null });
    expect(await run("return {'a': [1, 2.5, True, None], 'b': (1, 2), 'é': 'ü'}")).toMatchObject({
      ok: true,
      value: { a: [1, 2.5, true, null], b: [1, 2], é: "ü" },
    });
  });

  it("sees parameters by name, finished blocks as objects with .data/.error/.metadata and item access, item/index in loops", async () => {
    const scope = {
      limit: 3,
      name: "Ada",
      query1: { data: [{ id: 1 }, { id: 2 }], error: null, metadata: { rowCount: 2 } },
      item: { sku: "x" },
      index: 4,
    };
    const source = [
      "rows = query1.data",
      "limit = limit + 1  # parameters are plain locals: rebinding works",
      "return {",
      "  'ids': [r.id for r in rows],",
      "  'same': query1['data'][0]['id'] == query1.data[0].id,",
      "  'count': query1.metadata.rowCount,",
      "  'error': query1.error,",
      "  'limit': limit,",
      "  'hello': f'hi {name}',",
      "  'item': item.sku, 'index': index,",
      "}",
    ].join("\n");
    expect(await run(source, scope)).toMatchObject({
      ok: true,
      value: { ids: [1, 2], same: true, count: 2, error: null, limit: 4, hello: "hi Ada", item: "x", index: 4 },
    });
  });

  it("captures print, stderr and logging as the block's logs, with levels", async () => {
    const r = await run(
      [
        "import logging, sys",
        "print('hello', 42)",
        "print({'a': 1})",
        "print('no newline', end='')",
        "print('to stderr', file=sys.stderr)",
        "logging.info('info %s', 1)",
        "logging.warning('careful')",
        "logging.getLogger('mine').error('bad')",
        "logging.debug('dbg')",
        "return 'ok'",
      ].join("\n"),
    );
    expect(r.ok).toBe(true);
    expect(r.logs.map((l) => [l.level, l.message])).toEqual([
      ["log", "hello 42"],
      ["log", "{'a': 1}"],
      ["error", "to stderr"],
      ["info", "info 1"],
      ["warn", "careful"],
      ["error", "bad"],
      ["log", "dbg"],
      ["log", "no newline"],
    ]);
    for (const l of r.logs) expect(l.t).toBeGreaterThanOrEqual(0);
  });

  it("caps logs at maxLogBytes and says so", async () => {
    const r = await run("for i in range(100000):\n    print('line', i)\nreturn 1", {}, { limits: { maxLogBytes: 2000 } });
    expect(r).toMatchObject({ ok: true, value: 1, logsTruncated: true });
    const size = r.logs.reduce((n, l) => n + l.message.length + 40, 0);
    expect(size).toBeLessThanOrEqual(2000 + 200);
    expect(r.logs.at(-1)?.message).toMatch(/Logs truncated/);
  });

  it("has the standard library preloaded", async () => {
    const source = [
      "import json, math, statistics, datetime, re, decimal, itertools, collections, functools, random, uuid, hashlib, base64, textwrap, csv, io",
      "buf = io.StringIO('a,b\\n1,2\\n')",
      "return {",
      "  'mean': statistics.mean([1, 2, 3]),",
      "  'sqrt': math.sqrt(16),",
      "  'date': datetime.date(2024, 1, 31).isoformat(),",
      "  'dec': str(decimal.Decimal('0.1') + decimal.Decimal('0.2')),",
      "  'counter': collections.Counter('aab').most_common(1)[0][0],",
      "  'sha': hashlib.sha256(b'x').hexdigest()[:8],",
      "  'b64': base64.b64encode(b'hi').decode(),",
      "  'csv': list(csv.DictReader(buf)),",
      "  're': re.findall(r'\\d+', 'a1b22'),",
      "  'uuid': len(str(uuid.uuid4())),",
      "}",
    ].join("\n");
    expect(await run(source)).toMatchObject({
      ok: true,
      value: { mean: 2, sqrt: 4, date: "2024-01-31", dec: "0.3", counter: "a", sha: "2d711642", b64: "aGk=", csv: [{ a: "1", b: "2" }], re: ["1", "22"], uuid: 36 },
    });
  });
});

describe("failures", () => {
  it("an exception fails the block with the user's traceback, lines relative to the source", async () => {
    const e = errorOf(await run("def helper(x):\n    return 1 / x\n\ny = 0\nreturn helper(y)"));
    expect(e).toMatchObject({ code: "BLOCK_FAILED", status: 500, message: "ZeroDivisionError: division by zero (line 2)" });
    expect(e.detail).toContain('File "block.py", line 5, in <block>');
    expect(e.detail).toContain('File "block.py", line 2, in helper');
    expect(e.detail).toMatch(/ZeroDivisionError: division by zero$/);
    // No Pyodide or harness frames.
    expect(e.detail).not.toMatch(/lathe_harness|_pyodide|python314\.zip/);
  });

  it("a syntax error names its line", async () => {
    const e = errorOf(await run("x = 1\nreturn (x +\n"));
    expect(e.code).toBe("BLOCK_FAILED");
    expect(e.message).toMatch(/^SyntaxError: .*\(line 2\)$/);
  });

  it("ServerError(message, status=, data=) is a USER_ERROR with that status and data", async () => {
    const e = errorOf(await run("raise ServerError('Not found', status=404, data={'id': 7})"));
    expect(e).toMatchObject({ code: "USER_ERROR", status: 404, message: "Not found", data: { id: 7 } });
    expect(e.detail).toContain("ServerError: Not found");
    expect(errorOf(await run("raise ServerError('odd', status=42)"))).toMatchObject({ code: "USER_ERROR", status: 500 });
    expect(errorOf(await run("raise ServerError('plain')"))).toMatchObject({ code: "USER_ERROR", status: 500, message: "plain" });
  });

  it("a result JSON cannot carry is OUTPUT_NOT_JSON naming what and where", async () => {
    expect(errorOf(await run("return {1, 2}"))).toMatchObject({ code: "OUTPUT_NOT_JSON", message: expect.stringMatching(/^The result is a set/) });
    expect(errorOf(await run("import datetime\nreturn {'rows': [{'at': datetime.datetime(2024, 1, 1)}]}"))).toMatchObject({
      code: "OUTPUT_NOT_JSON",
      message: expect.stringMatching(/^The result contains a datetime .* at rows\[0\]\.at/),
    });
    expect(errorOf(await run("return {'x': float('nan')}"))).toMatchObject({ code: "OUTPUT_NOT_JSON", message: expect.stringContaining("nan at x") });
    expect(errorOf(await run("a = []\na.append(a)\nreturn a"))).toMatchObject({ code: "OUTPUT_NOT_JSON", message: expect.stringContaining("circular") });
    expect(errorOf(await run("return lambda: 1"))).toMatchObject({ code: "OUTPUT_NOT_JSON", message: expect.stringContaining("a function") });
  });

  it("an integer JavaScript cannot hold exactly is OUTPUT_NOT_JSON, not a silent change", async () => {
    expect(errorOf(await run("return {'ids': [1, 2**64]}"))).toMatchObject({
      code: "OUTPUT_NOT_JSON",
      message: expect.stringContaining("an integer beyond 2**53, which JSON numbers do not hold exactly (convert it with str()) at ids[1]"),
    });
    expect(await run("return {'f': 0.1 + 0.2, 's': '12345678901234567890', 'n': 2**53, 'e': 1e300}")).toMatchObject({
      ok: true,
      value: { f: 0.30000000000000004, s: "12345678901234567890", n: 2 ** 53, e: 1e300 },
    });
  });

  it("a result over maxOutputBytes is OUTPUT_TOO_LARGE", async () => {
    const e = errorOf(await run("return 'x' * 300000", {}, { limits: { maxOutputBytes: 100_000 } }));
    expect(e).toMatchObject({ code: "OUTPUT_TOO_LARGE", message: expect.stringContaining("MB limit") });
  });

  it("sys.exit() fails the block and the process carries on", async () => {
    expect(errorOf(await run("import sys\nsys.exit(3)"))).toMatchObject({ code: "BLOCK_FAILED", message: expect.stringContaining("sys.exit(3)") });
    expect(await run("return 'after'")).toMatchObject({ ok: true, value: "after" });
  });
});

describe("isolation between apps and instances", () => {
  it("a monkeypatch by one app is never seen by another (keys) nor by a later run (dirty instances are replaced)", async () => {
    const patch = "import json\njson.dumps = lambda *a, **k: 'patched'\nreturn json.dumps({})";
    const probe = "import json\nreturn json.dumps({'a': 1})";
    expect(await run(patch, {}, { isolationKey: "app-a" })).toMatchObject({ ok: true, value: "patched" });
    expect(await run(probe, {}, { isolationKey: "app-b" })).toMatchObject({ ok: true, value: '{"a": 1}' });
    // Same app, next run: the patched instance was detected and replaced.
    expect(await run(probe, {}, { isolationKey: "app-a" })).toMatchObject({ ok: true, value: '{"a": 1}' });
    expect(py.stats().recycled).toBeGreaterThanOrEqual(1);
  });

  it("ordinary use of the standard library does not count as a patch (no needless restores)", async () => {
    await run("return 0", {}, { isolationKey: "app-stdlib" }); // binds a process (may recycle another key's)
    const before = py.stats();
    for (const source of [
      "import logging.handlers, json.tool\nreturn 1",
      "import string\nreturn string.Template('$x').substitute(x=1)",
      "import enum, dataclasses\nclass C(enum.Enum):\n    A = 1\n@dataclasses.dataclass\nclass P:\n    x: int\nreturn [C.A.value, dataclasses.asdict(P(2))]",
      "import logging\nlogging.basicConfig(level=logging.INFO)\nreturn 1",
    ]) {
      expect(await run(source, {}, { isolationKey: "app-stdlib" })).toMatchObject({ ok: true });
    }
    // The last state check: wait until the process has said `idle` (or was recycled), however long that takes.
    while (py.stats().busy > 0) await new Promise((r) => setTimeout(r, 10));
    expect(py.stats().recycled).toBe(before.recycled);
  });

  it("leftovers the state check cannot see stay inside their app's process", async () => {
    const leave = "import sys, types\nm = types.ModuleType('leak')\nm.secret = 'from app-c'\nsys.modules['leak'] = m\nreturn 1";
    const look = "import sys\nm = sys.modules.get('leak')\nreturn getattr(m, 'secret', None)";
    await run(leave, {}, { isolationKey: "app-c" });
    // Another app: a clean process (an idle one of another key is recycled for it if needed).
    expect(await run(look, {}, { isolationKey: "app-d" })).toMatchObject({ ok: true, value: null });
    expect(await run(look, {}, { isolationKey: "app-e" })).toMatchObject({ ok: true, value: null });
    expect(py.stats().keys).toBeLessThanOrEqual(2);
  });

  it("each call gets a fresh namespace", async () => {
    await run("global counter\ncounter = 1\nreturn 1", {}, { isolationKey: "app-f" });
    expect(await run("return 'counter' in globals()", {}, { isolationKey: "app-f" })).toMatchObject({ ok: true, value: false });
  });

  it("two fresh instances restored from the same snapshot give different random numbers", async () => {
    const a = await run("import random\nreturn random.random()", {}, { isolationKey: "rand-1" });
    const b = await run("import random\nreturn random.random()", {}, { isolationKey: "rand-2" });
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(a.value).not.toBe(b.value);
  });

  it("forKey() gives an engine port whose requests carry the key", async () => {
    const port = py.forKey("app-g");
    expect(await port.run({ kind: "code", source: "return 'g'", scope: {}, limits })).toMatchObject({ ok: true, value: "g" });
  });
});

describe("the pool", () => {
  it("reports its isolation level and statistics", () => {
    const iso = py.isolation();
    expect(["namespaces", "process"]).toContain(iso.level);
    const s = py.stats();
    expect(s.size).toBe(2);
    expect(s.completed).toBeGreaterThan(10);
    expect(s.rssBytes).toBeGreaterThan(50 * MIB);
    expect(s.isolation).toBe(iso.level);
  });

  it("falls back to process isolation, with one warning, when namespaces cannot be made", async () => {
    const warnings: string[] = [];
    const fallback = createPythonSandbox({ poolSize: 1, unshare: "/bin/false", warn: (m) => warnings.push(m), maxWaitMs: 20_000 });
    try {
      const r = await fallback.run({ kind: "code", source: "import os\nreturn dict(os.environ)", scope: {}, limits });
      expect(r).toMatchObject({ ok: true, value: {} });
      expect(fallback.isolation().level).toBe("process");
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/WITHOUT its own network and PID namespaces/);
    } finally {
      await fallback.close();
    }
  }, 60_000);

  it("serves concurrent requests (queued beyond the pool size)", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => run("return n * 2", { n: i }, { isolationKey: "app-h" })));
    expect(results.map((r) => (r.ok ? r.value : r.error.code))).toEqual(Array.from({ length: 12 }, (_, i) => i * 2));
  });
});
