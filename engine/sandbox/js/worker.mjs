// @ts-check
/**
 * Worker thread entry of the JavaScript sandbox (see ../README.md). Plain ESM JavaScript on
 * purpose: it is loaded at run time by path, under Vitest and inside the Next.js server, so it
 * may import only node builtins, node_modules packages and sibling .mjs files.
 *
 * One request at a time, each in a FRESH QuickJS context (its own intrinsics and global object),
 * prepared while the worker is idle. Three levels of reuse:
 *
 * - the WebAssembly module (an "engine"), reused because its memory is capped
 *   (`WebAssembly.Memory({ maximum })`): that cap, not QuickJS's own accounting, is what bounds
 *   memory. A module that trapped (out of bounds, abort, host stack overflow) is discarded.
 * - the QuickJS runtime (a "host"), reused for up to `runtimeRuns` requests. It holds the
 *   KERNEL context (vm-prelude.mjs), where the code that sets up a request and encodes its
 *   result is compiled once instead of once per request. After each request its context is
 *   freed, a garbage collection is forced, and the runtime's count of live allocations must be
 *   back to exactly what it was before the request: nothing of a request (objects, pending jobs,
 *   finalization callbacks, a leaked handle) can survive into the next one. Any difference, a
 *   stopped run (timeout, memory), or a module where that check is not possible, and the runtime
 *   is freed instead (QuickJS then asserts that nothing is left allocated) and a new one made.
 * - nothing else: each request's user context is new.
 *
 * Protocol: the frames are defined once, in protocol.ts, and named here in JSDoc.
 *   in:  RunRequest; its `setup` is the JSON text of a VmSetup, handed to the VM unparsed.
 *   VM:  the kernel answers ONE string, `<VmAnswerHead JSON>\n<value JSON>`; the worker reads the
 *        head (a run the kernel stopped says so in its `stopped` field).
 *   out: WorkerFrame: `ready` once (when the first context is prepared), then one `answer` per
 *        request, with the worker's counters as of the previous request's release.
 */
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC, Scope } from "quickjs-emscripten";
import { makeDayjs } from "./vm-dayjs.mjs";
import { core, helpers, HELPER_NAMES } from "./vm-lodash.mjs";
import { KERNEL_FILE, KERNEL_SOURCE, LIB_FILE, PRELUDE_CHUNKS, USER_FILE } from "./vm-prelude.mjs";

/**
 * @typedef {import("./protocol").WorkerConfig} WorkerConfig
 * @typedef {import("./protocol").RunRequest} RunRequest
 * @typedef {import("./protocol").RunAnswer} RunAnswer
 * @typedef {import("./protocol").VmAnswerHead} VmAnswerHead
 * @typedef {import("../types").RunnerError} RunnerError
 * @typedef {import("./protocol").WorkerFrame} WorkerFrame
 */
/**
 * @typedef {import("quickjs-emscripten").QuickJSHandle} Handle
 * @typedef {import("quickjs-emscripten").QuickJSContext} Context
 */
/**
 * @typedef {object} Engine
 * @property {import("quickjs-emscripten").QuickJSWASMModule} mod
 * @property {WebAssembly.Memory} memory
 * @property {number} memoryBytes the user-facing limit it was built for
 * @property {number} maxBytes the WebAssembly memory maximum
 */
/**
 * @typedef {object} Host one QuickJS runtime and its kernel context
 * @property {Engine} eng
 * @property {import("quickjs-emscripten").QuickJSRuntime} rt
 * @property {number} rtWord index of the JSRuntime struct in a Uint32Array over the module's memory
 * @property {Context} kctx the kernel context (never reachable from user code)
 * @property {Scope} kscope owns the kernel's handles
 * @property {Handle} prepare the kernel's `prepare` function
 * @property {Handle[]} ops number handles 0..5 for the dispatcher's ops
 * @property {Handle} names the `_` helper names, as one string
 * @property {{ deadline: number }} clock read by the interrupt handler
 * @property {number} baseline live allocations of the runtime with no user context (after a GC)
 * @property {number} runs requests served
 */
/**
 * @typedef {object} Warm
 * @property {Host} h
 * @property {Context} ctx the request's user context
 * @property {Scope} scope every handle of the request (disposed before ctx)
 * @property {Handle} call the kernel's dispatcher for this context
 * @property {boolean} suspect the run was stopped or failed outside user code: do not reuse the runtime
 */

if (!parentPort) throw new Error("worker.mjs must run in a worker thread");
const port = parentPort;
/** @type {WorkerConfig} */
const cfg = workerData;
const RUNTIME_RUNS = Math.max(1, cfg.runtimeRuns ?? 1000);

const PAGE = 65536;
/** The module's own initial memory: 5 MiB C stack, static data, and the first heap pages. */
const BASE_BYTES = 16 * 1024 * 1024;
/** Ops of the kernel's dispatcher (see vm-prelude.mjs). */
const OP = { setup: 0, finish: 1, fail: 2, exprs: 3, logs: 4, access: 5 };
/** QuickJS's initial GC threshold (JS_NewRuntime), used to find that field (see `calibrate`). */
const INITIAL_GC_THRESHOLD = 256 * 1024;

/** Chunks the user context compiles on first use (`host("l", name)`). @type {Record<string, string>} */
const LIBRARY = { ...PRELUDE_CHUNKS, _$: "(" + core.toString() + ")", dayjs: "(" + makeDayjs.toString() + ")" };
for (const name of HELPER_NAMES) LIBRARY["_." + name] = "(" + helpers[name].toString() + ")";
const NAMES = HELPER_NAMES.join(",");
// JSDoc blocks are for the type checker only.
const KERNEL = KERNEL_SOURCE.replace(/\/\*\*[\s\S]*?\*\//g, "");

// Compiled once per worker; each engine only instantiates it.
const wasmModule = new WebAssembly.Module(readFileSync(new URL(import.meta.resolve("@jitl/quickjs-wasmfile-release-sync/wasm"))));

/**
 * Where, in the JSRuntime struct, QuickJS keeps its count of live allocations and its GC threshold
 * (32-bit words from the struct's start). quickjs-emscripten exposes neither a way to run the
 * garbage collector nor memory figures cheap enough for every request, so the worker reads the
 * count and lowers the threshold itself. Found and checked on the first runtime (`calibrate`);
 * null when the check failed: then every request gets a new runtime (slower, same guarantees).
 * @type {{ count: number, threshold: number } | null | undefined}
 */
let layout;

/** @type {Engine | null} */
let engine = null;
/** @type {Host | null} */
let host = null;
/** @type {Warm | null} */
let warm = null;
const stats = { runs: 0, engines: 0, engineFailures: 0, disposed: 0, disposeFailures: 0, runtimes: 0 };

/** @param {number} memoryBytes */
async function newEngine(memoryBytes) {
  const maxBytes = Math.ceil((BASE_BYTES + memoryBytes) / PAGE) * PAGE;
  const memory = new WebAssembly.Memory({ initial: BASE_BYTES / PAGE, maximum: maxBytes / PAGE });
  const mod = await newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmModule, wasmMemory: memory }));
  stats.engines++;
  engine = { mod, memory, memoryBytes, maxBytes };
  return engine;
}

/** Forget the module (its memory, runtimes and contexts go with it). Never touches a module that may have trapped. */
function dropEngine() {
  engine = null;
  host = null;
  warm = null;
}

/** @param {Engine} eng */
function words(eng) {
  return new Uint32Array(eng.memory.buffer);
}

/** A new runtime with its kernel compiled. @param {Engine} eng @returns {Host} */
function newHost(eng) {
  const rt = eng.mod.newRuntime();
  const kscope = new Scope();
  try {
    /** @type {number} */
    const rtWord = /** @type {any} */ (rt).rt.value >>> 2;
    // Before any setting could put a look-alike value in the struct.
    const threshold = layout === undefined ? findThreshold(eng, rtWord) : -1;
    rt.setMaxStackSize(cfg.vmStackBytes);
    rt.setModuleLoader(() => ({ error: new Error("import is not available in this sandbox") }));
    const clock = { deadline: Infinity };
    rt.setInterruptHandler(() => performance.now() > clock.deadline);
    // Default intrinsics although the kernel needs few: they keep the intrinsics' atoms alive in
    // the runtime, so each user context is faster to create (measured: a minimal kernel context
    // made user contexts ~20–40 µs slower to create, for ~10 µs less garbage collection).
    const kctx = kscope.manage(rt.newContext());
    const compiled = kctx.evalCode(KERNEL, KERNEL_FILE);
    if (compiled.error) {
      compiled.error.dispose();
      throw new Error("the sandbox kernel did not compile");
    }
    const prepare = kscope.manage(compiled.value);
    const ops = Object.values(OP).map((n) => kscope.manage(kctx.newNumber(n)));
    const names = kscope.manage(kctx.newString(NAMES));
    /** @type {Host} */
    const h = { eng, rt, rtWord, kctx, kscope, prepare, ops, names, clock, baseline: 0, runs: 0 };
    if (layout === undefined) layout = calibrate(h, threshold);
    if (layout) h.baseline = collect(h);
    stats.runtimes++;
    return h;
  } catch (err) {
    kscope.dispose();
    rt.dispose();
    throw err;
  }
}

/**
 * The GC threshold of a runtime just created: the one word of the JSRuntime struct's start that
 * holds QuickJS's initial threshold (-1: none or several).
 * @param {Engine} eng @param {number} rtWord
 */
function findThreshold(eng, rtWord) {
  const w = words(eng);
  let found = -1;
  for (let i = 8; i < 64; i++) {
    if (w[rtWord + i] !== INITIAL_GC_THRESHOLD) continue;
    if (found >= 0) return -1;
    found = i;
  }
  return found;
}

/**
 * Checks the allocation count (JSMallocState.malloc_count, the 5th word) and the GC threshold
 * found by `findThreshold` behave as such: an object allocated and freed moves the count by its
 * few allocations and back, and a zero threshold makes the next allocation run a collection,
 * which sets the threshold again and frees the garbage.
 * @param {Host} h @param {number} threshold
 */
function calibrate(h, threshold) {
  try {
    const count = 4;
    if (threshold < 0) return null;
    let w = words(h.eng);
    const c0 = w[h.rtWord + count];
    if (c0 < 100 || c0 > 1e6) return null;
    const obj = h.kctx.newObject();
    w = words(h.eng);
    const c1 = w[h.rtWord + count];
    obj.dispose();
    w = words(h.eng);
    if (!(c1 > c0 && c1 < c0 + 10) || w[h.rtWord + count] !== c0) return null;
    w[h.rtWord + threshold] = 0;
    const r = h.kctx.callFunction(h.prepare, h.kctx.undefined);
    (r.error ?? r.value).dispose();
    w = words(h.eng);
    if (w[h.rtWord + threshold] === 0) {
      // not the threshold after all: put the word back as it was
      w[h.rtWord + threshold] = INITIAL_GC_THRESHOLD;
      return null;
    }
    if (r.error || w[h.rtWord + count] > c0) return null;
    return { count, threshold };
  } catch {
    return null;
  }
}

/**
 * Runs QuickJS's garbage collector (through a zero threshold and one small allocation in the
 * kernel) and returns the count of live allocations. Then moves the next automatic collection
 * out by QuickJS's initial threshold, so a small request does not pay for one.
 * @param {Host} h
 */
function collect(h) {
  const lay = /** @type {{ count: number, threshold: number }} */ (layout);
  let w = words(h.eng);
  w[h.rtWord + lay.threshold] = 0;
  const r = h.kctx.callFunction(h.prepare, h.kctx.undefined);
  (r.error ?? r.value).dispose();
  if (r.error) throw new Error("garbage collection failed");
  w = words(h.eng);
  const size = w[h.rtWord + lay.count + 1];
  w[h.rtWord + lay.threshold] = Math.max(w[h.rtWord + lay.threshold], Math.min(size * 2 + INITIAL_GC_THRESHOLD, 0x7fffffff));
  return w[h.rtWord + lay.count];
}

/** Free a runtime and its kernel. QuickJS asserts that nothing is left allocated. @param {Host} h */
function freeHost(h) {
  if (host === h) host = null;
  try {
    h.kscope.dispose();
    h.rt.dispose();
    return true;
  } catch {
    // a leaked handle (a bug): the module is in an unknown state
    stats.disposeFailures++;
    dropEngine();
    return false;
  }
}

/** A fresh user context on the current runtime, with the kernel's dispatcher for it. @param {Host} h @returns {Warm} */
function prepare(h) {
  const ctx = h.rt.newContext();
  const scope = new Scope();
  try {
    /** @type {Warm} */
    const w = { h, ctx, scope, call: /** @type {any} */ (null), suspect: false };
    const fn = scope.manage(ctx.newFunction("host", (...args) => hostCall(w, args)));
    const r = h.kctx.callFunction(h.prepare, h.kctx.undefined, ctx.global, fn, h.names);
    if (r.error) {
      r.error.dispose();
      throw new Error("the sandbox kernel could not prepare a context");
    }
    w.call = scope.manage(r.value);
    return w;
  } catch (err) {
    scope.dispose();
    ctx.dispose();
    throw err;
  }
}

/**
 * The user context's host function, only ever reached through functions the kernel bound:
 * `("l", name)` compiles a library chunk in the user context; `("g", name[, value])` is a lazy
 * global's getter/setter, handled by the kernel. The kernel runs here while user code is on the
 * stack, so an error it raises (a kernel-realm object) is replaced by a new user-realm one.
 * @param {Warm} w @param {Handle[]} args
 */
function hostCall(w, args) {
  const { ctx, h } = w;
  const kind = ctx.getString(args[0]);
  const name = ctx.getString(args[1]);
  if (kind === "l") {
    const src = Object.prototype.hasOwnProperty.call(LIBRARY, name) ? LIBRARY[name] : undefined;
    if (src === undefined) throw new Error("Unknown helper " + name);
    return ctx.evalCode(src, LIB_FILE);
  }
  const assign = args.length > 2;
  const r = ctx.callFunction(w.call, ctx.undefined, h.ops[OP.access], args[1], assign ? ctx.true : ctx.false, assign ? args[2] : ctx.undefined);
  if (r.error) {
    r.error.dispose();
    throw new Error(name + " could not be loaded");
  }
  return r.value;
}

/**
 * Calls the dispatcher; the result (and its handle) belongs to the run's scope.
 * @param {Warm} w @param {number} n op number @param {Handle[]} args
 */
function op(w, n, ...args) {
  return w.scope.manage(w.ctx.callFunction(w.call, w.ctx.undefined, w.h.ops[n], ...args));
}

/**
 * A failure answer. `logsJson` is the kernel's `{"logs","logsTruncated"}` of a stopped run.
 * @param {string} code @param {string} [message] @param {string} [detail] @param {string} [logsJson] @returns {RunAnswer}
 */
function errorOut(code, message, detail, logsJson) {
  /** @type {{ logs: RunAnswer["logs"], logsTruncated: boolean }} */
  let logs = { logs: [], logsTruncated: false };
  try {
    if (logsJson) logs = JSON.parse(logsJson);
  } catch {
    // best effort: a run stopped for its limits may not be able to report its logs
  }
  /** @type {RunnerError} */
  const error = { code };
  if (message) error.message = message;
  if (detail) error.detail = detail;
  return { ok: false, error, logs: logs.logs, logsTruncated: logs.logsTruncated };
}

/** The run was stopped or failed outside user code: answer `code`, keep its logs, and do not reuse the runtime. @param {Warm} w @param {string} code @param {string} [message] */
function stopped(w, code, message) {
  w.suspect = true;
  return errorOut(code, message, "", salvageLogs(w));
}

/** Logs of a run that was stopped (timeout, memory), with a short fresh deadline. @param {Warm} w */
function salvageLogs(w) {
  try {
    w.h.clock.deadline = performance.now() + 50;
    const r = op(w, OP.logs);
    return r.error ? "" : w.ctx.getString(r.value);
  } catch {
    return "";
  }
}

/**
 * The VM threw past the kernel's own try/catch (interrupt, out of memory, or a failure while
 * formatting a failure): classify without trusting the VM much.
 * @param {Warm} w @param {Handle} err @param {RunRequest} req
 */
function vmFailure(w, err, req) {
  const clock = w.h.clock;
  const late = performance.now() > clock.deadline;
  let message = "";
  try {
    clock.deadline = performance.now() + 50;
    message = w.ctx.getString(w.scope.manage(w.ctx.getProp(err, "message")));
  } catch {
    // unreadable error: classified below from the deadline and memory state
  }
  if (late || message === "interrupted") return stopped(w, "SANDBOX_TIMEOUT");
  if (message === "out of memory" || nearMemoryCap()) return stopped(w, "SANDBOX_MEMORY");
  return stopped(w, req.kind === "code" ? "BLOCK_FAILED" : "EXPRESSION_FAILED", message || "The code failed");
}

function nearMemoryCap() {
  return engine !== null && engine.memory.buffer.byteLength + 2 * 1024 * 1024 >= engine.maxBytes;
}

/**
 * User code failed with `err`. When QuickJS runs out of memory so completely that it cannot
 * even build the InternalError, the thrown value is null: with the memory at its cap, that is
 * SANDBOX_MEMORY, not a user error.
 * @param {Warm} w @param {Handle} err @param {RunRequest} req
 */
function userFailure(w, err, req) {
  if (nearMemoryCap() && w.ctx.sameValue(err, w.ctx.null)) return stopped(w, "SANDBOX_MEMORY");
  return output(w, op(w, OP.fail, err), req);
}

/** @param {Warm} w @param {import("quickjs-emscripten").VmCallResult<Handle>} r @param {RunRequest} req @returns {RunAnswer} */
function output(w, r, req) {
  if (r.error) return vmFailure(w, r.error, req);
  const out = w.ctx.getString(r.value);
  const nl = out.indexOf("\n");
  /** @type {VmAnswerHead | null} */
  let head = null;
  try {
    head = JSON.parse(out.slice(0, nl));
  } catch {
    // read as malformed below
  }
  if (!head || typeof head !== "object" || typeof head.ok !== "boolean" || !Array.isArray(head.logs)) {
    // Only user code that rewrote the VM's built-ins in odd ways can get here.
    const message = "The result could not be read back: the code changed JavaScript built-ins it relies on";
    return { ok: false, error: { code: "BLOCK_FAILED", status: 500, message, detail: out.slice(0, 200) }, logs: [], logsTruncated: false };
  }
  // The kernel caught the run's interruption or an out-of-memory itself: the runtime is not reused.
  if (head.stopped === true) w.suspect = true;
  const logs = head.logs;
  const logsTruncated = head.logsTruncated === true;
  if (head.ok) return { ok: true, value: out.slice(nl + 1), logs, logsTruncated };
  return { ok: false, error: head.error ?? { code: "SANDBOX_CRASHED" }, logs, logsTruncated };
}

/** @param {Warm} w @param {RunRequest} req @returns {RunAnswer} */
function execute(w, req) {
  const { ctx, scope } = w;
  const { rt, clock } = w.h;
  clock.deadline = performance.now() + req.timeoutMs;
  rt.setMemoryLimit(req.memoryBytes);
  const setup = op(w, OP.setup, scope.manage(ctx.newString(req.setup)));
  if (setup.error) return vmFailure(w, setup.error, req);
  if (req.kind === "expressions") return output(w, op(w, OP.exprs), req);

  // `(async function(){` stays on line 1 so user line numbers match their editor.
  const compiled = scope.manage(ctx.evalCode("(async function(){" + req.source + "\n})", USER_FILE));
  if (compiled.error) return userFailure(w, compiled.error, req);
  const started = scope.manage(ctx.callFunction(compiled.value, ctx.undefined));
  if (started.error) return userFailure(w, started.error, req);
  while (rt.hasPendingJob()) {
    if (performance.now() > clock.deadline) return stopped(w, "SANDBOX_TIMEOUT");
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
  if (performance.now() > clock.deadline) return stopped(w, "SANDBOX_TIMEOUT");
  if (nearMemoryCap()) return stopped(w, "SANDBOX_MEMORY");
  return stopped(w, "BLOCK_FAILED", "The code awaited something that never finished (there are no timers or I/O in this sandbox)");
}

/** A JavaScript exception from the module itself: it may be corrupt, so it is dropped. @param {unknown} err @param {number} deadline @returns {RunAnswer} */
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

/** Value JSON must fit the byte limit; the VM checked its length in UTF-16 units already. @param {RunAnswer} a @param {number} max @returns {RunAnswer} */
function checkBytes(a, max) {
  if (!a.ok || a.value.length * 3 <= max) return a;
  const bytes = Buffer.byteLength(a.value);
  if (bytes <= max) return a;
  return { ok: false, error: { code: "OUTPUT_TOO_LARGE", size: bytes }, logs: a.logs, logsTruncated: a.logsTruncated };
}

/**
 * After the answer is sent: free the request's context, then either check that the runtime is
 * back to its baseline (and keep it) or free the runtime.
 * @param {Warm} w
 */
function release(w) {
  const h = w.h;
  if (host !== h) return; // the engine was dropped meanwhile: nothing to free
  h.clock.deadline = Infinity;
  try {
    w.scope.dispose();
    w.ctx.dispose();
  } catch {
    stats.disposeFailures++;
    dropEngine();
    return;
  }
  h.runs++;
  if (layout && !w.suspect && h.runs < RUNTIME_RUNS && !h.rt.hasPendingJob()) {
    try {
      if (collect(h) === h.baseline) {
        stats.disposed++;
        return;
      }
    } catch {
      // the runtime is freed below
    }
  }
  if (freeHost(h)) stats.disposed++;
}

/**
 * The prepared context for the next request: synchronous unless a module must be instantiated.
 * @param {number} memoryBytes @returns {Warm | Promise<Warm>}
 */
function ensureWarm(memoryBytes) {
  if (!engine || engine.memoryBytes !== memoryBytes) {
    dropEngine();
    return newEngine(memoryBytes).then(() => ensureWarm(memoryBytes));
  }
  if (!host) host = newHost(engine);
  if (!warm) warm = prepare(host);
  return warm;
}

/** @param {RunRequest} req */
async function handle(req) {
  /** @type {RunAnswer} */
  let answer;
  /** @type {Warm | null} */
  let w;
  const deadline = performance.now() + req.timeoutMs;
  try {
    const ready = ensureWarm(req.memoryBytes);
    w = ready instanceof Promise ? await ready : ready;
    warm = null;
    answer = checkBytes(execute(w, req), req.maxOutputBytes);
  } catch (err) {
    answer = crashOut(err, deadline);
    w = null;
  }
  stats.runs++;
  // The counters ride along with each answer (as of the previous request's release).
  post({ type: "answer", id: req.id, answer, stats, memory: engine ? engine.memory.buffer.byteLength : 0 });
  // Off the critical path from here on.
  if (w) release(w);
  if (engine && engine.memory.buffer.byteLength > cfg.recycleAboveBytes) dropEngine();
  await warmUp(req.memoryBytes);
}

let announced = false;
/**
 * Prepare the next context while idle. The pool hears `ready` once, when the worker is first ready:
 * after that, one message per request (the answer) is enough. A second one cost both threads
 * more than it told the pool, which dispatches to the worker that answered first anyway.
 * @param {number} memoryBytes
 */
async function warmUp(memoryBytes) {
  try {
    const ready = ensureWarm(memoryBytes);
    if (ready instanceof Promise) await ready;
  } catch {
    // the next request retries and reports the failure
    dropEngine();
  }
  if (announced) return;
  announced = true;
  post({ type: "ready", stats });
}

/** @param {WorkerFrame} frame */
function post(frame) {
  port.postMessage(frame);
}

/** @type {Promise<void>} */
let chain = warmUp(cfg.memoryBytes);
port.on("message", (/** @type {RunRequest} */ req) => {
  // handle() answers every request itself; this only keeps the chain alive if that ever failed.
  chain = chain
    .then(() => handle(req))
    .catch((err) => {
      dropEngine();
      post({ type: "answer", id: req.id, answer: errorOut("SANDBOX_CRASHED", "", String(err)) });
    });
});
