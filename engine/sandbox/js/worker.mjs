// @ts-check
/**
 * Worker thread entry of the JavaScript sandbox (see ../README.md). Plain ESM JavaScript on
 * purpose: it is loaded at run time by path, under Vitest and inside the Next.js server, so it
 * may import only node builtins, node_modules packages and sibling .mjs files.
 *
 * One request at a time. Per request: a FRESH QuickJS runtime + context (prepared while the
 * worker is idle, so the caller does not wait for it), disposed after the answer is posted.
 * The WebAssembly module is reused across requests because its memory is capped
 * (`WebAssembly.Memory({ maximum })`): that cap, not QuickJS's own accounting, is what bounds
 * memory. A module that trapped (out of bounds, abort, host stack overflow) is discarded.
 *
 * Protocol (kept in sync with pool.ts by hand):
 *   in:  { id, kind: "code" | "expressions", source?, input, timeoutMs, memoryBytes, maxOutputBytes }
 *        `input` is the JSON string the VM's setup parses: {"t0","ml","mo","k","e"?,"s"}.
 *   out: { t: "w", stats }         ready and warm: a fresh context waits for the next request
 *        { t: "r", id, out }       out = `<meta JSON>\n<value JSON>` (value empty on failure)
 */
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC, Scope } from "quickjs-emscripten";
import { makeDayjs } from "./vm-dayjs.mjs";
import { core, helpers, HELPER_NAMES } from "./vm-lodash.mjs";
import { PRELUDE_CHUNKS, PRELUDE_FILE, PRELUDE_SOURCE, USER_FILE } from "./vm-prelude.mjs";

/**
 * @typedef {object} WorkerConfig
 * @property {number} memoryBytes engine size to warm up before the first request
 * @property {number} vmStackBytes QuickJS's stack limit (must stay well under the thread stack)
 * @property {number} recycleAboveBytes replace the module after a request left its memory above this
 */
/**
 * @typedef {object} WorkerRequest
 * @property {number} id
 * @property {"code" | "expressions"} kind
 * @property {string} [source]
 * @property {string} input
 * @property {number} timeoutMs
 * @property {number} memoryBytes
 * @property {number} maxOutputBytes
 */
/**
 * @typedef {object} Engine
 * @property {import("quickjs-emscripten").QuickJSWASMModule} mod
 * @property {WebAssembly.Memory} memory
 * @property {number} memoryBytes the user-facing limit it was built for
 * @property {number} maxBytes the WebAssembly memory maximum
 */
/**
 * @typedef {object} Warm
 * @property {import("quickjs-emscripten").QuickJSRuntime} rt
 * @property {import("quickjs-emscripten").QuickJSContext} ctx
 * @property {Scope} scope owns rt, ctx and every handle of the run (disposed in reverse order)
 * @property {import("quickjs-emscripten").QuickJSHandle} call the prelude's dispatcher
 * @property {import("quickjs-emscripten").QuickJSHandle[]} ops number handles 0..4 for its ops
 * @property {{ deadline: number }} clock read by the interrupt handler
 */

if (!parentPort) throw new Error("worker.mjs must run in a worker thread");
const port = parentPort;
/** @type {WorkerConfig} */
const cfg = workerData;

const PAGE = 65536;
/** The module's own initial memory: 5 MiB C stack, static data, and the first heap pages. */
const BASE_BYTES = 16 * 1024 * 1024;
/** Ops of the prelude's dispatcher (see vm-prelude.mjs). */
const OP = { setup: 0, finish: 1, fail: 2, exprs: 3, logs: 4 };

/** Chunks the VM compiles on first use (`load(name)` in the prelude). @type {Record<string, string>} */
const LIBRARY = { ...PRELUDE_CHUNKS, _$: "(" + core.toString() + ")", dayjs: "(" + makeDayjs.toString() + ")" };
for (const name of HELPER_NAMES) LIBRARY["_." + name] = "(" + helpers[name].toString() + ")";
const NAMES = HELPER_NAMES.join(",");
// JSDoc blocks are for the type checker only; QuickJS would lex them on every fresh context.
const PRELUDE = PRELUDE_SOURCE.replace(/\/\*\*[\s\S]*?\*\//g, "");

// Compiled once per worker; each engine only instantiates it.
const wasmModule = new WebAssembly.Module(readFileSync(new URL(import.meta.resolve("@jitl/quickjs-wasmfile-release-sync/wasm"))));

/** @type {Engine | null} */
let engine = null;
/** @type {Warm | null} */
let warm = null;
const stats = { runs: 0, engines: 0, engineFailures: 0, disposed: 0, disposeFailures: 0 };

/** @param {number} memoryBytes */
async function newEngine(memoryBytes) {
  const maxBytes = Math.ceil((BASE_BYTES + memoryBytes) / PAGE) * PAGE;
  const memory = new WebAssembly.Memory({ initial: BASE_BYTES / PAGE, maximum: maxBytes / PAGE });
  const mod = await newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmModule, wasmMemory: memory }));
  stats.engines++;
  engine = { mod, memory, memoryBytes, maxBytes };
  return engine;
}

/** Forget the module (its memory goes with it). Never touches a module that may have trapped. */
function dropEngine() {
  engine = null;
  warm = null;
}

/** A fresh runtime + context with the prelude evaluated. @param {Engine} eng @returns {Warm} */
function prepare(eng) {
  const scope = new Scope();
  try {
    const rt = scope.manage(eng.mod.newRuntime());
    rt.setMaxStackSize(cfg.vmStackBytes);
    rt.setModuleLoader(() => ({ error: new Error("import is not available in this sandbox") }));
    const clock = { deadline: Infinity };
    rt.setInterruptHandler(() => performance.now() > clock.deadline);
    const ctx = scope.manage(rt.newContext());
    const load = scope.manage(
      ctx.newFunction("load", (nameHandle) => {
        const name = ctx.getString(nameHandle);
        const src = Object.prototype.hasOwnProperty.call(LIBRARY, name) ? LIBRARY[name] : undefined;
        if (src === undefined) throw new Error("Unknown helper " + name);
        return ctx.evalCode(src, "lathe-lib.js");
      }),
    );
    const preludeFn = scope.manage(ctx.unwrapResult(ctx.evalCode(PRELUDE, PRELUDE_FILE)));
    const names = scope.manage(ctx.newString(NAMES));
    const call = scope.manage(ctx.unwrapResult(ctx.callFunction(preludeFn, ctx.undefined, load, names)));
    const ops = Object.values(OP).map((n) => scope.manage(ctx.newNumber(n)));
    return { rt, ctx, scope, call, ops, clock };
  } catch (err) {
    scope.dispose();
    throw err;
  }
}

/**
 * Calls the dispatcher; the result (and its handle) belongs to the run's scope.
 * @param {Warm} w @param {number} n op number @param {import("quickjs-emscripten").QuickJSHandle[]} args
 */
function op(w, n, ...args) {
  return w.scope.manage(w.ctx.callFunction(w.call, w.ctx.undefined, w.ops[n], ...args));
}

/** @param {string} code @param {string} [message] @param {string} [detail] @param {string} [logsJson] */
function errorOut(code, message, detail, logsJson) {
  /** @type {{ logs: unknown[], lt: boolean }} */
  let logs = { logs: [], lt: false };
  try {
    if (logsJson) logs = JSON.parse(logsJson);
  } catch {
    // best effort: a run stopped for its limits may not be able to report its logs
  }
  /** @type {Record<string, string>} */
  const error = { code };
  if (message) error.message = message;
  if (detail) error.detail = detail;
  return JSON.stringify({ ok: false, error, logs: logs.logs, lt: logs.lt }) + "\n";
}

/** Logs of a run that was stopped (timeout, memory), with a short fresh deadline. @param {Warm} w */
function salvageLogs(w) {
  try {
    w.clock.deadline = performance.now() + 50;
    const r = op(w, OP.logs);
    return r.error ? "" : w.ctx.getString(r.value);
  } catch {
    return "";
  }
}

/**
 * The VM threw past the prelude's own try/catch (interrupt, out of memory, or a failure while
 * formatting a failure): classify without trusting the VM much.
 * @param {Warm} w @param {import("quickjs-emscripten").QuickJSHandle} err @param {WorkerRequest} req
 */
function vmFailure(w, err, req) {
  const late = performance.now() > w.clock.deadline;
  let message = "";
  try {
    w.clock.deadline = performance.now() + 50;
    message = w.ctx.getString(w.scope.manage(w.ctx.getProp(err, "message")));
  } catch {
    // unreadable error: classified below from the deadline and memory state
  }
  if (late || message === "interrupted") return errorOut("SANDBOX_TIMEOUT", "", "", salvageLogs(w));
  if (message === "out of memory" || nearMemoryCap()) return errorOut("SANDBOX_MEMORY", "", "", salvageLogs(w));
  const code = req.kind === "code" ? "BLOCK_FAILED" : "EXPRESSION_FAILED";
  return errorOut(code, message || "The code failed", "", salvageLogs(w));
}

function nearMemoryCap() {
  return engine !== null && engine.memory.buffer.byteLength + 2 * 1024 * 1024 >= engine.maxBytes;
}

/**
 * User code failed with `err`. When QuickJS runs out of memory so completely that it cannot
 * even build the InternalError, the thrown value is null: with the memory at its cap, that is
 * SANDBOX_MEMORY, not a user error.
 * @param {Warm} w @param {import("quickjs-emscripten").QuickJSHandle} err @param {WorkerRequest} req
 */
function userFailure(w, err, req) {
  if (nearMemoryCap() && w.ctx.sameValue(err, w.ctx.null)) return errorOut("SANDBOX_MEMORY", "", "", salvageLogs(w));
  return output(w, op(w, OP.fail, err), req);
}

/** @param {Warm} w @param {import("quickjs-emscripten").VmCallResult<import("quickjs-emscripten").QuickJSHandle>} r @param {WorkerRequest} req */
function output(w, r, req) {
  return r.error ? vmFailure(w, r.error, req) : w.ctx.getString(r.value);
}

/** @param {Warm} w @param {WorkerRequest} req @returns {string} */
function execute(w, req) {
  const { rt, ctx, scope, clock } = w;
  clock.deadline = performance.now() + req.timeoutMs;
  rt.setMemoryLimit(req.memoryBytes);
  const setup = op(w, OP.setup, scope.manage(ctx.newString(req.input)));
  if (setup.error) return vmFailure(w, setup.error, req);
  if (req.kind === "expressions") return output(w, op(w, OP.exprs), req);

  // `(async function(){` stays on line 1 so user line numbers match their editor.
  const compiled = scope.manage(ctx.evalCode("(async function(){" + req.source + "\n})", USER_FILE));
  if (compiled.error) return userFailure(w, compiled.error, req);
  const started = scope.manage(ctx.callFunction(compiled.value, ctx.undefined));
  if (started.error) return userFailure(w, started.error, req);
  while (rt.hasPendingJob()) {
    if (performance.now() > clock.deadline) return errorOut("SANDBOX_TIMEOUT", "", "", salvageLogs(w));
    // Bounded batches, so a job chain that never ends (`while (true) await null`) meets the deadline check.
    const jobs = scope.manage(rt.executePendingJobs(1000));
    if (jobs.error) return vmFailure(w, jobs.error, req);
  }
  const state = ctx.getPromiseState(started.value);
  if (state.type === "fulfilled") {
    if (!state.notAPromise) scope.manage(state.value);
    return output(w, op(w, OP.finish, state.value), req);
  }
  if (state.type === "rejected") return userFailure(w, scope.manage(state.error), req);
  if (performance.now() > clock.deadline) return errorOut("SANDBOX_TIMEOUT", "", "", salvageLogs(w));
  if (nearMemoryCap()) return errorOut("SANDBOX_MEMORY", "", "", salvageLogs(w));
  return errorOut(
    "BLOCK_FAILED",
    "The code awaited something that never finished (there are no timers or I/O in this sandbox)",
    "",
    salvageLogs(w),
  );
}

/** A JavaScript exception from the module itself: it may be corrupt, so it is dropped. @param {unknown} err @param {number} deadline */
function crashOut(err, deadline) {
  const memoryFull = nearMemoryCap();
  dropEngine();
  stats.engineFailures++;
  const detail = err instanceof Error ? err.name + ": " + err.message : String(err);
  if (memoryFull) return errorOut("SANDBOX_MEMORY", "", detail);
  if (performance.now() > deadline) return errorOut("SANDBOX_TIMEOUT", "", detail);
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return errorOut("BLOCK_FAILED", "Maximum call stack size exceeded (stack overflow)", detail);
  }
  return errorOut("SANDBOX_CRASHED", "", detail);
}

/** Value JSON must fit the byte limit; the VM checked its length in UTF-16 units already. @param {string} out @param {number} max */
function checkBytes(out, max) {
  const nl = out.indexOf("\n");
  const valueChars = out.length - nl - 1;
  if (valueChars * 3 <= max) return out;
  const bytes = Buffer.byteLength(out.slice(nl + 1));
  if (bytes <= max) return out;
  const meta = JSON.parse(out.slice(0, nl));
  return JSON.stringify({ ok: false, error: { code: "OUTPUT_TOO_LARGE", size: bytes }, logs: meta.logs, lt: meta.lt }) + "\n";
}

/** @param {Warm} w */
function dispose(w) {
  try {
    w.scope.dispose();
    stats.disposed++;
  } catch {
    // QuickJS asserts that nothing is left allocated when a runtime is freed; a failure here
    // means a leaked handle (a bug) and a module in an unknown state.
    stats.disposeFailures++;
    dropEngine();
  }
}

/** @param {number} memoryBytes */
async function ensureWarm(memoryBytes) {
  if (!engine || engine.memoryBytes !== memoryBytes) {
    dropEngine();
    await newEngine(memoryBytes);
  }
  if (!warm && engine) warm = prepare(engine);
  return /** @type {Warm} */ (warm);
}

/** @param {WorkerRequest} req */
async function handle(req) {
  let out;
  /** @type {Warm | null} */
  let w = null;
  const deadline = performance.now() + req.timeoutMs;
  try {
    w = await ensureWarm(req.memoryBytes);
    warm = null;
    out = checkBytes(execute(w, req), req.maxOutputBytes);
  } catch (err) {
    out = crashOut(err, deadline);
    w = null;
  }
  stats.runs++;
  port.postMessage({ t: "r", id: req.id, out });
  const used = engine ? engine.memory.buffer.byteLength : 0;
  if (used > cfg.recycleAboveBytes) {
    if (w) dispose(w);
    dropEngine();
    await warmUp(req.memoryBytes);
    return;
  }
  // The next context first, then the old one's disposal, deferred to the next turn of the event
  // loop: a request that is already waiting runs before it.
  await warmUp(req.memoryBytes);
  if (w) {
    const eng = engine;
    const old = w;
    setImmediate(() => {
      // A module dropped meanwhile (it trapped) is garbage with all its runtimes: nothing to free.
      if (engine === eng) dispose(old);
    });
  }
}

/** Prepare the next context while idle, then tell the pool. @param {number} memoryBytes */
async function warmUp(memoryBytes) {
  try {
    await ensureWarm(memoryBytes);
  } catch {
    // the next request retries and reports the failure
    dropEngine();
  }
  port.postMessage({ t: "w", stats });
}

/** @type {Promise<void>} */
let chain = warmUp(cfg.memoryBytes);
port.on("message", (/** @type {WorkerRequest} */ req) => {
  // handle() answers every request itself; this only keeps the chain alive if that ever failed.
  chain = chain
    .then(() => handle(req))
    .catch((err) => {
      dropEngine();
      port.postMessage({ t: "r", id: req.id, out: errorOut("SANDBOX_CRASHED", "", String(err)) });
    });
});
