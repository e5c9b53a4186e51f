// @ts-check
/**
 * The code that RUNS INSIDE QuickJS. The worker sends these functions' source text
 * (`Function.prototype.toString`) into the VM, so none of them may reference anything outside its
 * own body and arguments.
 *
 * A worker's QuickJS runtime holds two kinds of context (see worker.mjs):
 *
 * - the KERNEL context, one per runtime, never reachable from user code. `kernel` below is
 *   compiled there ONCE (QuickJS compiles about 100–250 µs per KB in WebAssembly and has no
 *   bytecode cache we can use, so compiling it for every request was most of a request's cost).
 * - a fresh USER context per request: its own intrinsics and global object, where user code, the
 *   scope values and the lazily compiled helpers (`chunks`) live.
 *
 * Kernel code works on the user context's objects through references the worker hands it. The
 * one rule that keeps the two apart: NO KERNEL-REALM OBJECT MAY EVER BECOME REACHABLE FROM USER
 * CODE (its `constructor.constructor` would be the kernel's `Function`, whose global outlives the
 * request). Hence:
 *   - values the kernel gives the user context are user-realm objects (made by the user context's
 *     own constructors: `JSON.parse`, `Function.prototype.bind`), primitives, or null-prototype
 *     objects and arrays, which carry no realm;
 *   - the user context's intrinsics (`JSON`, `Map`, `Error`, `eval`…) are captured in `prepare`,
 *     before any user code ran, so user code that patches them cannot disturb how its own result
 *     is reported;
 *   - kernel functions are never handed to user code: `check` is only called by the captured
 *     `JSON.stringify`, errors the kernel throws only travel to the worker (the `access` op, the
 *     one kernel entry reached while user code is on the stack, is wrapped by the worker, which
 *     throws a fresh user-realm error instead of letting a kernel one through).
 *
 * Output leaves the VM as ONE string: `<head JSON>\n<value JSON>`, head being a `VmAnswerHead`
 * (protocol.ts: `{ ok, error?, logs, logsTruncated, stopped? }`; value empty on failure). The value is checked (JSON-able, length)
 * before it is copied out.
 */

export const KERNEL_FILE = "lathe-kernel.js";
export const LIB_FILE = "lathe-lib.js";
/** File name of user code in stack traces (`code` blocks). */
export const USER_FILE = "block.js";
/** Globals of the user context compiled on first use (a getter calls `access`). */
export const LAZY_GLOBALS = ["console", "ServerError", "_", "dayjs"];

/**
 * Shared state of one request, handed to the chunks. A null-prototype object made by the kernel:
 * it carries no realm, and user code cannot reach it (only chunk closures hold it).
 * @typedef {object} VmState
 * @property {number} t0 epoch ms when the host started the request (log `t` is relative to it)
 * @property {number} ml max log bytes
 * @property {number} mo max output bytes
 * @property {string} k error code for a failure of user code: BLOCK_FAILED or EXPRESSION_FAILED
 * @property {number} used log bytes used
 * @property {boolean} lt logs truncated
 * @property {number} ld log characters dropped after the cap (counted, so the final note can say how many)
 * @property {{ level: string, message: string, t: number, __proto__?: null } | null} mk the final note, once written
 * @property {{ level: string, message: string, t: number, __proto__?: null }[]} logs null-prototype entries
 * @property {[string, unknown] | null} bad first value JSON cannot carry: [key, value]
 * @property {number} budget values left to check (the check is capped; JSON.stringify still rejects cycles and BigInt)
 * @property {number} size lower bound of the output length so far
 * @property {any} ServerError the class, once user code touched it
 * @property {string[]} e expressions of an `expressions` request
 */

/**
 * Compiled once per runtime in the kernel context; returns `prepare(G, host, names)`, called once
 * per user context (while the worker is idle) with that context's global object `G`, the worker's
 * host function (`host("l", name)` compiles a chunk in the user context and returns its value;
 * `host("g", name[, value])` is the lazy globals' getter/setter) and the `_` helper names.
 * `prepare` captures the user context's intrinsics, installs the lazy globals, and returns ONE
 * dispatcher `(op, x, y, z) => string | any`:
 *   0 setup(json)   json = a VmSetup (protocol.ts): limits, then scope entries as globals
 *   1 finish(value) → output string (the value of a `code` block's settled promise)
 *   2 fail(error)   → output string (user code threw, or the block did not compile)
 *   3 exprs()       → output string (evaluates the request's expressions, indirect eval)
 *   4 logs()        → `{"logs","logsTruncated"}` for a run the worker had to stop
 *   5 access(name, hasValue, value) → the lazy global's value (compiles its chunk when read)
 * Called without arguments, `prepare()` only allocates an object: the worker uses that to start
 * a garbage collection.
 */
/** @param {string[]} LAZY the lazy globals' names */
function kernel(LAZY) {
  "use strict";
  // The kernel's own intrinsics: never reachable from user code, so they stay pristine.
  /** @type {(o: any, key: any, descriptor: any) => any} */
  const define = Object.defineProperty;
  const keys = Object.keys;
  const apply = Reflect.apply;
  const setProto = Object.setPrototypeOf;
  const assign = Object.assign;
  const kStringify = JSON.stringify;
  const kParse = JSON.parse;
  const KError = Error;
  /** @type {any} */
  const KInternalError = /** @type {any} */ (globalThis).InternalError;
  const floor = Math.floor;
  const IDENT = /^[A-Za-z_$][\w$]*$/;
  const JSON_ONLY = "; only JSON values (objects, arrays, strings, finite numbers, booleans, null) can be returned";
  /** Thrown by `check` to stop serializing a result already known to be too large (a primitive: no realm). */
  const TOO_LARGE = Symbol("too large");
  // QuickJS instantiates built-in methods on first access. Touch, now, every one the kernel
  // calls, so that they belong to the runtime's baseline (see worker.mjs: after each request the
  // runtime's live allocations must be back to exactly that baseline, or it is replaced).
  void [
    String.prototype.split, String.prototype.indexOf, String.prototype.trim, String.prototype.slice,
    Array.prototype.filter, Array.prototype.join, Array.prototype.splice, RegExp.prototype.test,
    RegExp.prototype.exec, Function.prototype[Symbol.hasInstance], Error.prototype.toString,
    Object.prototype.toString, Symbol.prototype.toString,
  ];

  /** @param {string} s */
  const short = (s) => (s.length > 80 ? s.slice(0, 77) + "..." : s.trim());
  /** @param {string} [expr] */
  const label = (expr) => (expr === undefined ? "The result" : "The expression {{ " + short(expr) + " }}");

  /** @param {any} [G] @param {any} [host] @param {string} [names] */
  return function prepare(G, host, names) {
    if (G === undefined) return { __proto__: null };
    // The user context's intrinsics, read while it is pristine (no user code ran in it yet).
    const UJSON = G.JSON;
    const parse = UJSON.parse;
    const stringify = UJSON.stringify;
    const ev = G.eval;
    const MapC = G.Map;
    const SetC = G.Set;
    const WeakMapC = G.WeakMap;
    const PromiseC = G.Promise;
    const ErrorC = G.Error;
    const SyntaxErrorC = G.SyntaxError;
    const UInternalError = G.InternalError;
    const bind = G.Function.prototype.bind;
    // User-realm functions (bound by the user context's own `bind`).
    const load = apply(bind, host, [undefined, "l"]);
    // Null prototypes: no realm, and no inherited toJSON when the kernel serializes the logs.
    /** @type {VmState} */
    const S = /** @type {any} */ ({
      __proto__: null, t0: 0, ml: 0, mo: 0, k: "", used: 0, lt: false, ld: 0, mk: null, logs: setProto([], null),
      bad: null, budget: 0, size: 0, ServerError: null, e: setProto([], null),
    });
    for (let i = 0; i < LAZY.length; i++) {
      const accessor = apply(bind, host, [undefined, "g", LAZY[i]]);
      define(G, LAZY[i], { __proto__: null, configurable: true, get: accessor, set: accessor });
    }

    /**
     * JSON.stringify replacer: notes the first value JSON would drop or mangle, and keeps a lower
     * bound of the output length (each value is at least 1 character, a string its length + 2) so
     * an oversized result is refused before QuickJS builds (and runs out of memory on) its text.
     * @param {string} k @param {any} v
     */
    const check = (k, v) => {
      if ((S.size += typeof v === "string" ? v.length + 2 : 1) > S.mo) throw TOO_LARGE;
      if (S.bad === null && --S.budget >= 0) {
        const t = typeof v;
        if (
          t === "function" || t === "symbol" || t === "bigint" || (t === "number" && v - v !== 0) ||
          (t === "object" && v !== null && (v instanceof MapC || v instanceof SetC || v instanceof WeakMapC || v instanceof PromiseC))
        ) S.bad = setProto([k, v], null);
      }
      return v;
    };

    /** @param {Record<string, unknown>} error @param {boolean} [stopped] the run was interrupted or ran out of memory */
    const out = (error, stopped) =>
      kStringify({ __proto__: null, ok: false, error: assign({ __proto__: null }, error), logs: S.logs, logsTruncated: S.lt, stopped: stopped === true }) + "\n";
    /** @param {any} e */
    const msgOf = (e) => {
      if (e instanceof ErrorC || e instanceof KError) return String(e.message);
      if (typeof e === "string") return e;
      if (e && typeof e === "object" && typeof e.message === "string") return e.message;
      try {
        const s = stringify(e);
        return s === undefined ? String(e) : s;
      } catch (x) {
        return String(e);
      }
    };
    /** Stack lines within user code only. @param {any} e */
    const userStack = (e) => {
      const raw = e ? e.stack : undefined;
      /** @type {string} */
      const st = typeof raw === "string" ? raw : "";
      const lines = st.split("\n").filter((l) => l.trim() !== "" && l.indexOf("lathe-") < 0);
      if (lines.length > 20) lines.splice(10, lines.length - 20, "    ... " + (lines.length - 20) + " more frames");
      return lines.length ? "\n" + lines.join("\n") : "";
    };
    /** @param {any} v */
    const describe = (v) => {
      const t = typeof v;
      if (t === "number") return "the number " + v;
      if (t !== "object") return t === "bigint" ? "a BigInt" : "a " + t;
      if (v instanceof MapC) return "a Map (convert it with Object.fromEntries)";
      if (v instanceof SetC) return "a Set (convert it with Array.from)";
      if (v instanceof PromiseC) return "a Promise (missing await?)";
      return "a WeakMap";
    };

    /** @param {any} e @param {string} code @param {string} [expr] */
    const fail = (e, code, expr) => {
      if ((UInternalError && e instanceof UInternalError) || (KInternalError && e instanceof KInternalError)) {
        if (e.message === "out of memory") return out({ code: "SANDBOX_MEMORY" }, true);
        if (e.message === "interrupted") return out({ code: "SANDBOX_TIMEOUT" }, true);
      }
      if (code === "OUTPUT_NOT_JSON") {
        let what;
        if (S.bad) {
          const k = S.bad[0];
          const v = S.bad[1];
          what = k === "" ? " is " + describe(v) : " contains " + describe(v) + " at key " + (IDENT.test(k) ? k : kStringify(k));
        } else {
          const m = msgOf(e);
          what = m === "stack overflow" ? " is nested too deeply" : / circular|cycle/i.test(m) ? " contains a circular reference" : " cannot be converted to JSON: " + m;
        }
        return out({ code, message: label(expr) + what + JSON_ONLY });
      }
      const m = msgOf(e);
      const detail = (e instanceof ErrorC || e instanceof KError ? e.name + ": " : "") + m + userStack(e);
      if (S.ServerError && e instanceof S.ServerError) {
        const st = e.status;
        const status = typeof st === "number" && st >= 400 && st <= 599 && floor(st) === st ? st : 500;
        /** @type {Record<string, unknown>} */
        const err = { __proto__: null, code: "USER_ERROR", status, message: m, detail };
        if (e.data !== undefined) {
          let s;
          try {
            s = stringify(e.data);
          } catch (x) {
            s = undefined;
          }
          if (typeof s !== "string" || s.length > S.mo) err.detail = detail + "\n(ServerError data dropped: not JSON or too large)";
          else err.data = kParse(s);
        }
        return out(err);
      }
      let message = m === "stack overflow" ? "Maximum call stack size exceeded (stack overflow)" : m;
      if (e instanceof SyntaxErrorC && expr === undefined) {
        // Only a compile error of the block itself starts its stack at "at block.js:L:C".
        const loc = /^\s*at block\.js:(\d+)(?::(\d+))?/.exec(String(e.stack || ""));
        if (loc) message += " (line " + loc[1] + (loc[2] ? ", column " + loc[2] : "") + ")";
      }
      if (expr !== undefined) message += " in {{ " + short(expr) + " }}";
      return out({ code, message, detail });
    };

    return (/** @type {number} */ op, /** @type {any} */ x, /** @type {any} */ y, /** @type {any} */ z) => {
      if (op === 5) {
        // A lazy global was read (y false) or assigned (y true) by user code.
        const value = y ? z : apply(load(x), undefined, [S, load, names]);
        define(G, x, { __proto__: null, value, writable: true, configurable: true });
        return value;
      }
      let code = S.k;
      let expr;
      let s;
      try {
        if (op === 0) {
          /** @type {import("./protocol").VmSetup} */
          const p = parse(x);
          S.t0 = p.startedAt;
          S.ml = p.maxLogBytes;
          S.mo = p.maxOutputBytes;
          S.k = p.failCode;
          if (p.expressions) S.e = p.expressions;
          const scope = p.scope;
          const ks = keys(scope);
          for (let i = 0; i < ks.length; i++) define(G, ks[i], { __proto__: null, value: scope[ks[i]], writable: true, configurable: true });
          return;
        }
        if (op === 4) return kStringify({ __proto__: null, logs: S.logs, logsTruncated: S.lt });
        if (op === 2) throw x;
        S.size = 0;
        if (op === 1) {
          code = "OUTPUT_NOT_JSON";
          S.bad = null;
          S.budget = 100000;
          s = stringify(x === undefined ? null : x, check);
        } else {
          const list = S.e;
          const parts = [];
          for (let i = 0; i < list.length; i++) {
            expr = list[i];
            code = S.k;
            const v = ev("(" + expr + "\n)");
            code = "OUTPUT_NOT_JSON";
            S.bad = null;
            S.budget = 100000;
            parts[i] = stringify(v === undefined ? null : v, check);
            if (S.bad) break;
          }
          s = "[" + parts.join(",") + "]";
        }
        if (S.bad === null) {
          return s.length > S.mo
            ? out({ code: "OUTPUT_TOO_LARGE", size: s.length })
            : kStringify({ __proto__: null, ok: true, logs: S.logs, logsTruncated: S.lt }) + "\n" + s;
        }
      } catch (e) {
        x = e;
      }
      if (x === TOO_LARGE) return out({ code: "OUTPUT_TOO_LARGE" });
      return fail(x, code, expr);
    };
  };
}

/** @type {Record<string, Function>} Chunks compiled IN THE USER CONTEXT on first use (`host("l", name)`). */
const chunks = {
  console: (/** @type {VmState} */ S) => {
    const now = Date.now;
    const stringify = JSON.stringify;
    const ErrorC = Error;
    /** @param {any} v */
    const fmt = (v) => {
      if (typeof v === "string") return v;
      if (v instanceof ErrorC) return v.name + ": " + v.message;
      if (typeof v === "function") return "[Function" + (v.name ? ": " + v.name : "") + "]";
      if (typeof v !== "object" || v === null) return String(v);
      try {
        const s = stringify(v);
        return s === undefined ? String(v) : s;
      } catch (e) {
        return "[object that cannot be shown as JSON]";
      }
    };
    /** @param {string} level */
    const log = (level) =>
      function () {
        let m = "";
        for (let i = 0; i < arguments.length; i++) m += (i ? " " : "") + fmt(arguments[i]);
        // Past the cap nothing is kept, only counted: the final note says how much was dropped.
        if (S.lt) {
          S.ld += m.length;
          if (S.mk) S.mk.message = "Logs truncated: this run printed more than " + S.ml + " bytes; " + S.ld + " bytes dropped";
          return;
        }
        // 40 ≈ the JSON overhead of one entry, so the cap bounds the serialized logs too.
        const room = S.ml - S.used;
        const t = +now() - S.t0;
        if (m.length + 40 > room) {
          S.lt = true;
          const kept = room > 200 ? room - 140 : 0;
          if (kept) S.logs[S.logs.length] = { __proto__: null, level, message: m.slice(0, kept), t };
          S.ld = m.length - kept;
          S.mk = { __proto__: null, level: "warn", message: "Logs truncated: this run printed more than " + S.ml + " bytes; " + S.ld + " bytes dropped", t };
          S.logs[S.logs.length] = S.mk;
          return;
        }
        S.used += m.length + 40;
        S.logs[S.logs.length] = { __proto__: null, level, message: m, t };
      };
    return { log: log("log"), info: log("info"), warn: log("warn"), error: log("error"), debug: log("log") };
  },

  ServerError: (/** @type {VmState} */ S) =>
    (S.ServerError = class ServerError extends Error {
      /** @param {string} message @param {{ status?: number, data?: unknown }} [options] */
      constructor(message, options) {
        super(message);
        this.name = "ServerError";
        this.status = options ? options.status : undefined;
        this.data = options ? options.data : undefined;
      }
    }),

  _: (/** @type {VmState} */ S, /** @type {(name: string) => any} */ load, /** @type {string} */ names) => {
    /** @type {Record<string, any>} */
    const _ = {};
    const core = load("_$")(_);
    for (const n of names.split(",")) {
      Object.defineProperty(_, n, {
        configurable: true,
        enumerable: true,
        get() {
          const f = load("_." + n)(core);
          Object.defineProperty(_, n, { value: f, writable: true, configurable: true, enumerable: true });
          return f;
        },
      });
    }
    return _;
  },
};

export const KERNEL_SOURCE = "(" + kernel.toString() + ")(" + JSON.stringify(LAZY_GLOBALS) + ")";
/** @type {Record<string, string>} */
export const PRELUDE_CHUNKS = Object.fromEntries(Object.entries(chunks).map(([k, f]) => [k, "(" + f.toString() + ")"]));
