// @ts-check
/**
 * The code every QuickJS context starts with. Everything here RUNS INSIDE QuickJS: the worker
 * sends these functions' source text (`Function.prototype.toString`) into the VM, so none of
 * them may reference anything outside its own body and arguments.
 *
 * QuickJS compiles about 250 µs per KB of source on these machines (it has no lazy parsing), so
 * `prelude`, compiled for every fresh context, is kept to the hot path: setup, running code,
 * encoding the result. Everything else is a chunk compiled on first use through the host
 * function `load(name)`: `console`, `ServerError`, `_`, `dayjs` are lazy globals, and error
 * formatting (`fail`) loads only when something failed.
 *
 * Output leaves the VM as ONE string: `<meta JSON>\n<value JSON>`, meta being
 * `{ ok, error?, logs, lt }` (value empty on failure). The value is checked (JSON-able, length)
 * before it is copied out. Intrinsics are captured up front so user code that patches JSON or
 * Promise cannot disturb how its own result is reported.
 */

export const PRELUDE_FILE = "lathe-prelude.js";
/** File name of user code in stack traces (`code` blocks). */
export const USER_FILE = "block.js";

/**
 * Shared state of one context, handed to the chunks.
 * @typedef {object} VmState
 * @property {number} t0 epoch ms when the host started the request (log `t` is relative to it)
 * @property {number} ml max log bytes
 * @property {number} mo max output bytes
 * @property {string} k error code for a failure of user code: BLOCK_FAILED or EXPRESSION_FAILED
 * @property {number} used log bytes used
 * @property {boolean} lt logs truncated
 * @property {{ level: string, message: string, t: number, __proto__?: null }[]} logs null-prototype entries
 * @property {[string, unknown] | null} bad first value JSON cannot carry: [key, value]
 * @property {number} budget values left to check (the check is capped; JSON.stringify still rejects cycles and BigInt)
 * @property {number} size lower bound of the output length so far
 * @property {any} ServerError the class, once user code touched it
 * @property {string[]} e expressions of an `expressions` request
 */

/**
 * Returns ONE dispatcher `(op, arg) => string | undefined`, because every function literal
 * costs compile time in every fresh context (about 15 µs each, measured), more than the ops:
 *   0 setup(json)  json = {"t0","ml","mo","k","e"?,"s"}: limits, then scope entries as globals
 *   1 finish(value) → output string (the value of a `code` block's settled promise)
 *   2 fail(error)   → output string (user code threw, or the block did not compile)
 *   3 exprs()       → output string (evaluates the request's expressions, indirect eval)
 *   4 logs()        → `{"logs","lt"}` for a run the worker had to stop
 * @param {(name: string) => any} load host function: compiles a chunk and returns its value
 * @param {string} names comma-separated `_` helper names
 */
function prelude(load, names) {
  "use strict";
  /** @type {any} */
  const G = globalThis;
  const stringify = JSON.stringify;
  const define = Object.defineProperty;
  const ev = G.eval;
  const MapC = Map;
  const SetC = Set;
  const WeakMapC = WeakMap;
  const PromiseC = Promise;
  /** @type {VmState} */
  // Everything the prelude serializes has a null prototype (the logs array too), so user code
  // that adds Object.prototype.toJSON cannot garble the meta part of the output.
  const S = { t0: 0, ml: 0, mo: 0, k: "", used: 0, lt: false, logs: Object.setPrototypeOf([], null), bad: null, budget: 0, size: 0, ServerError: null, e: [] };
  /** @type {any} */
  let failFn = null;
  // Lazy globals: the chunk is compiled the first time user code reads (or assigns) the name.
  for (const name of ["console", "ServerError", "_", "dayjs"]) {
    /** @type {any} */
    const access = function (/** @type {any} */ v) {
      const value = arguments.length ? v : load(name)(S, load, names);
      define(G, name, { value, writable: true, configurable: true });
      return value;
    };
    define(G, name, { configurable: true, get: access, set: access });
  }
  /** Thrown by `check` to stop serializing a result that is already known to be too large. */
  const TOO_LARGE = {};
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
      ) S.bad = [k, v];
    }
    return v;
  };

  return (/** @type {number} */ op, /** @type {any} */ x) => {
    let code = S.k;
    let expr;
    let s;
    try {
      if (op === 0) {
        const p = JSON.parse(x);
        S.t0 = p.t0;
        S.ml = p.ml;
        S.mo = p.mo;
        S.k = p.k;
        S.e = p.e || [];
        for (const k of Object.keys(p.s)) define(G, k, { value: p.s[k], writable: true, configurable: true });
        return;
      }
      if (op === 4) return stringify({ __proto__: null, logs: S.logs, lt: S.lt });
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
          ? stringify({ __proto__: null, ok: false, error: { __proto__: null, code: "OUTPUT_TOO_LARGE", size: s.length }, logs: S.logs, lt: S.lt }) + "\n"
          : stringify({ __proto__: null, ok: true, logs: S.logs, lt: S.lt }) + "\n" + s;
      }
    } catch (e) {
      x = e;
    }
    if (x === TOO_LARGE) return stringify({ __proto__: null, ok: false, error: { __proto__: null, code: "OUTPUT_TOO_LARGE" }, logs: S.logs, lt: S.lt }) + "\n";
    return (failFn || (failFn = load("fail")(S)))(x, code, expr);
  };
}

/** @type {Record<string, Function>} Chunks the prelude loads on first use. */
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
        if (S.lt) return;
        let m = "";
        for (let i = 0; i < arguments.length; i++) m += (i ? " " : "") + fmt(arguments[i]);
        // 40 ≈ the JSON overhead of one entry, so the cap bounds the serialized logs too.
        const room = S.ml - S.used;
        if (m.length + 40 > room) {
          S.lt = true;
          if (room > 200) S.logs[S.logs.length] = { __proto__: null, level, message: m.slice(0, room - 140), t: now() - S.t0 };
          S.logs[S.logs.length] = { __proto__: null, level: "warn", message: "Logs truncated: this run printed more than " + S.ml + " bytes", t: now() - S.t0 };
          return;
        }
        S.used += m.length + 40;
        S.logs[S.logs.length] = { __proto__: null, level, message: m, t: now() - S.t0 };
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

  fail: (/** @type {VmState} */ S) => {
    /** @type {any} */
    const G = globalThis;
    const stringify = JSON.stringify;
    const ErrorC = Error;
    const InternalErrorC = G.InternalError;
    const SyntaxErrorC = SyntaxError;
    const IDENT = /^[A-Za-z_$][\w$]*$/;
    /** @param {any} e */
    const msgOf = (e) => {
      if (e instanceof ErrorC) return String(e.message);
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
      /** @type {string} */
      const st = e && typeof e.stack === "string" ? e.stack : "";
      const lines = st.split("\n").filter((l) => l.trim() && l.indexOf("lathe-") < 0);
      if (lines.length > 20) lines.splice(10, lines.length - 20, "    ... " + (lines.length - 20) + " more frames");
      return lines.length ? "\n" + lines.join("\n") : "";
    };
    /** @param {any} v */
    const describe = (v) => {
      const t = typeof v;
      if (t === "number") return "the number " + v;
      if (t !== "object") return t === "bigint" ? "a BigInt" : "a " + t;
      if (v instanceof Map) return "a Map (convert it with Object.fromEntries)";
      if (v instanceof Set) return "a Set (convert it with Array.from)";
      if (v instanceof Promise) return "a Promise (missing await?)";
      return "a WeakMap";
    };
    /** @param {Record<string, unknown>} error */
    const out = (error) => stringify({ __proto__: null, ok: false, error: Object.assign(Object.create(null), error), logs: S.logs, lt: S.lt }) + "\n";
    /** @param {string} [expr] */
    const label = (expr) => (expr === undefined ? "The result" : "The expression {{ " + short(expr) + " }}");
    /** @param {string} s */
    const short = (s) => (s.length > 80 ? s.slice(0, 77) + "..." : s.trim());
    const JSON_ONLY = "; only JSON values (objects, arrays, strings, finite numbers, booleans, null) can be returned";

    return (/** @type {any} */ e, /** @type {string} */ code, /** @type {string} [expr] */ expr) => {
      if (InternalErrorC && e instanceof InternalErrorC) {
        if (e.message === "out of memory") return out({ code: "SANDBOX_MEMORY" });
        if (e.message === "interrupted") return out({ code: "SANDBOX_TIMEOUT" });
      }
      if (code === "OUTPUT_NOT_JSON") {
        let what;
        if (S.bad) {
          const [k, v] = S.bad;
          what = k === "" ? " is " + describe(v) : " contains " + describe(v) + " at key " + (IDENT.test(k) ? k : stringify(k));
        } else {
          const m = msgOf(e);
          what = m === "stack overflow" ? " is nested too deeply" : / circular|cycle/i.test(m) ? " contains a circular reference" : " cannot be converted to JSON: " + m;
        }
        return out({ code, message: label(expr) + what + JSON_ONLY });
      }
      const m = msgOf(e);
      const detail = (e instanceof ErrorC ? e.name + ": " : "") + m + userStack(e);
      if (S.ServerError && e instanceof S.ServerError) {
        const st = e.status;
        const status = typeof st === "number" && st >= 400 && st <= 599 && Math.floor(st) === st ? st : 500;
        /** @type {Record<string, unknown>} */
        const err = { code: "USER_ERROR", status, message: m, detail };
        if (e.data !== undefined) {
          let s;
          try {
            s = stringify(e.data);
          } catch (x) {
            s = undefined;
          }
          if (s === undefined || s.length > S.mo) err.detail = detail + "\n(ServerError data dropped: not JSON or too large)";
          else err.data = JSON.parse(s);
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
  },
};

export const PRELUDE_SOURCE = "(" + prelude.toString() + ")";
/** @type {Record<string, string>} */
export const PRELUDE_CHUNKS = Object.fromEntries(Object.entries(chunks).map(([k, f]) => [k, "(" + f.toString() + ")"]));
