// @ts-check
/**
 * Child process entry of the Python sandbox (see ../README.md, "Python"). Plain ESM on purpose:
 * it is loaded by path at run time, under Vitest and inside the Next.js server alike, and it may
 * import only node builtins and the pyodide package (by file URL).
 *
 * The parent starts it with an EMPTY environment, without code generation from strings (so the
 * `obj.constructor.constructor("return process")` trick throws), under Node's permission model
 * (reads: the pyodide folder and this folder only; no writes, child processes, workers or
 * addons) and, where the host allows, in its own user, network, PID, IPC and UTS namespaces,
 * as an unprivileged user, in its own process group. It trusts nothing it runs; the parent
 * trusts nothing it says.
 *
 *   argv:  child.mjs <mode: serve | snapshot | probe> <pyodide folder, trailing separator>
 *   fd 3:  (serve) the memory snapshot, opened by the parent
 *   stdin: (serve) a ChildInit line, then one request per line: `<RunHeader JSON>\t<scope JSON>`
 *   stdout: (serve) one ChildFrame per line (`ready`, `log`, `done` [+ the value's line], `idle`);
 *          (snapshot) the snapshot's raw bytes, then exit 0
 * The frames are defined once, in protocol.ts; harness.py writes `log` and `done` itself.
 *
 * @typedef {import("./protocol").ChildFrame} ChildFrame
 * @typedef {import("./protocol").ChildInit} ChildInit
 * @typedef {import("./protocol").RunHeader} RunHeader
 * @typedef {import("../types").RunnerError} RunnerError
 */
import { closeSync, constants as fsConstants, readFileSync, accessSync } from "node:fs";
import { constants as osConstants } from "node:os";
import { pathToFileURL } from "node:url";

const [mode, indexURL] = process.argv.slice(2);
const HARNESS = new URL("./harness.py", import.meta.url);
/** Sample requests run before `ready` (a few ms), so the first real ones do not pay for the JIT. */
const WARM_UP_ROUNDS = 20;
/** Compiled blocks kept per process (a 30-line block takes ~4 ms to compile in Pyodide). */
const CODE_CACHE_SIZE = 128;

if (mode === "probe") {
  // The parent checks that this user, in these namespaces, can read what serving needs.
  accessSync(indexURL + "pyodide.asm.wasm");
  accessSync(HARNESS);
  process.stdout.write("ok\n");
  process.exit(0);
}

// Pyodide reads fs constants through process.binding, which the permission model denies.
/** @param {string} name */
const binding = (name) => {
  if (name === "constants") return { fs: fsConstants, os: osConstants };
  throw new Error(`process.binding(${name}) is not available`);
};
Object.defineProperty(process, "binding", { value: binding, configurable: true, writable: true });

// The memory limit of a request, on the WebAssembly heap itself: past it, malloc fails and
// Python raises MemoryError (the parent's RSS watchdog is the backstop for everything else).
const grow = WebAssembly.Memory.prototype.grow;
let heapCap = Infinity;
let refused = 0;
/** @type {WebAssembly.Memory | null} */
let heap = null;
WebAssembly.Memory.prototype.grow = function (/** @type {number} */ pages) {
  // The patched method's receiver is the memory being grown: kept to read its size later.
  // eslint-disable-next-line @typescript-eslint/no-this-alias
  heap = this;
  if (this.buffer.byteLength + pages * 65536 > heapCap) {
    refused++;
    throw new RangeError("WebAssembly.Memory.grow(): Maximum memory size exceeded");
  }
  return grow.call(this, pages);
};

const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
const quiet = () => {};
const common = { indexURL, jsglobals: {}, env: {}, stdout: quiet, stderr: quiet, stdin: () => null };

if (mode === "snapshot") {
  const py = await loadPyodide({ ...common, _makeSnapshot: true });
  py.globals.set("__lathe_src", readFileSync(HARNESS, "utf8"));
  py.runPython(
    [
      "import sys, types",
      "_m = types.ModuleType('lathe_harness')",
      "_m.__file__ = 'lathe_harness.py'",
      "sys.modules['lathe_harness'] = _m",
      "exec(compile(__lathe_src, 'lathe_harness.py', 'exec'), _m.__dict__)",
      "del _m, __lathe_src",
    ].join("\n"),
  );
  const snapshot = py.makeMemorySnapshot();
  process.stdout.write(snapshot, () => process.exit(0));
} else if (mode === "serve") {
  await serve();
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}

async function serve() {
  const t0 = performance.now();
  const snapshot = readFileSync(3);
  closeSync(3);
  const py = await loadPyodide({ ...common, _loadSnapshot: snapshot });
  const harness = py.pyimport("lathe_harness");
  const { prepare, compile_block: compileBlock, run_block: runBlock, after, init, warm_up: warmUp, seal } = harness;
  /** Compiled blocks by `<scope names>\n<source>`: here, where no Python code can rewrite them for a later call. */
  const codes = new Map();
  /** The state check's own code and anchor (its defaults), held so that they stay alive and comparable; set by seal(). */
  const ptr = py._module.PyProxy_getPtr;
  /** @type {ReturnType<typeof checkerOf> | null} */
  let anchor = null;
  const checkerOf = () => {
    const code = after.__code__;
    const defaults = after.__defaults__;
    return { code, defaults, ptrs: { code: code ? ptr(code) : 0, defaults: defaults ? ptr(defaults) : 0 } };
  };
  const heapBytes = () => (heap ? heap.buffer.byteLength : py._module.HEAPU8.byteLength);
  const emit = (/** @type {string} */ s) => {
    // Synchronous for pipes on Linux: a run that is killed later still got its logs out.
    process.stdout.write(s);
  };
  /** @param {ChildFrame} frame */
  const emitFrame = (frame) => emit(JSON.stringify(frame) + "\n");
  lockDown();

  let initialized = false;
  let baseHeap = 0;
  let pending = "";
  /** @type {string[]} */
  const lines = [];

  process.stdin.setEncoding("utf8");
  process.stdin.on("end", () => process.exit(0));
  process.stdin.on("data", (/** @type {string} */ chunk) => {
    pending += chunk;
    let nl;
    while ((nl = pending.indexOf("\n")) >= 0) {
      lines.push(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
    drain();
  });

  function drain() {
    while (lines.length) {
      const line = /** @type {string} */ (lines.shift());
      if (!initialized) {
        /** @type {ChildInit} */
        const { seed } = JSON.parse(line);
        init(emit, () => refused, String(seed));
        warmUp(WARM_UP_ROUNDS);
        seal();
        // Kept (never destroyed): while they are held, no other object can take their addresses.
        anchor = checkerOf();
        initialized = true;
        baseHeap = heapBytes();
        emitFrame({ type: "ready", heapBytes: baseHeap, startMs: Math.round(performance.now() - t0), version: py.version });
        continue;
      }
      handle(line);
    }
  }

  /** @param {string} line */
  function handle(line) {
    const tab = line.indexOf("\t");
    const header = line.slice(0, tab);
    /** @type {RunHeader} */
    const { id, memoryBytes, source } = JSON.parse(header);
    heapCap = baseHeap + memoryBytes;
    let out;
    try {
      const names = prepare(header, line.slice(tab + 1));
      let code = null;
      if (names !== undefined && names !== null) {
        const key = `${names}\n${source}`;
        code = codes.get(key) ?? null;
        if (code === null) {
          code = compileBlock() ?? null;
          if (code) remember(key, code);
        }
      }
      out = runBlock(code);
    } catch (err) {
      // Pyodide itself failed (stack overflow in WebAssembly, os._exit, a denied host API):
      // this instance cannot be used again. Answer, then exit; the parent starts another.
      emitFrame({ type: "done", id, ok: false, error: fatal(err), logs: [], logsTruncated: false });
      process.exit(0);
    }
    emit(out);
    heapCap = Infinity;
    /** @type {string} */
    let dirty;
    try {
      dirty = checkerChanged() ? "the state check was changed" : after();
    } catch (err) {
      dirty = "the state check failed: " + String(err).slice(0, 200);
    }
    emitFrame({ type: "idle", dirty, heapBytes: heapBytes() });
  }

  /** Whether Python code replaced the code or the defaults (the anchor) of the state check. */
  function checkerChanged() {
    const now = checkerOf();
    const changed = !anchor || !now.ptrs.code || now.ptrs.code !== anchor.ptrs.code || now.ptrs.defaults !== anchor.ptrs.defaults;
    now.code?.destroy?.();
    now.defaults?.destroy?.();
    return changed;
  }

  /** @param {string} key @param {{ destroy(): void }} code */
  function remember(key, code) {
    const oldest = codes.size >= CODE_CACHE_SIZE ? codes.entries().next().value : undefined;
    if (oldest) {
      codes.delete(oldest[0]);
      oldest[1].destroy();
    }
    codes.set(key, code);
  }
}

/** @param {unknown} err @returns {RunnerError} */
function fatal(err) {
  const e = /** @type {{ name?: string, message?: string, code?: string, status?: number }} */ (err ?? {});
  const text = String(e.message ?? err);
  if (e.name === "ExitStatus" || /Program terminated with exit/.test(text)) {
    const status = typeof e.status === "number" ? e.status : /exit\((-?\d+)\)/.exec(text)?.[1];
    return { code: "BLOCK_FAILED", message: `The code ended the Python process (exit status ${status ?? "?"}); return a value or raise an exception instead` };
  }
  if (/Maximum call stack size exceeded/.test(text)) {
    return { code: "BLOCK_FAILED", message: "Maximum call stack size exceeded (stack overflow): recursion is too deep" };
  }
  if (/Maximum memory size exceeded|out of memory/i.test(text)) return { code: "SANDBOX_MEMORY" };
  if (e.code === "ERR_ACCESS_DENIED") {
    return { code: "BLOCK_FAILED", message: "The code used something this sandbox does not allow (processes, files or the network)" };
  }
  return { code: "SANDBOX_CRASHED", detail: text.slice(0, 500) };
}

/** After restore: take away what Python has no business reaching, should it ever reach JavaScript. */
function lockDown() {
  const deny = () => {
    throw new Error("not available in the Python sandbox");
  };
  for (const name of ["fetch", "WebSocket", "EventSource", "XMLHttpRequest", "Request", "Response", "navigator"]) {
    try {
      delete (/** @type {Record<string, unknown>} */ (globalThis))[name];
    } catch {
      // non-configurable globals stay; the namespaces and the permission model still hold
    }
  }
  const proc = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (process));
  for (const name of ["binding", "_linkedBinding", "dlopen", "getBuiltinModule", "kill", "_kill", "setuid", "setgid", "setgroups", "chdir"]) {
    try {
      Object.defineProperty(process, name, { value: deny, configurable: false, writable: false });
    } catch {
      proc[name] = deny;
    }
  }
}
