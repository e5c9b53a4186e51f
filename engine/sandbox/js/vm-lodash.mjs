// @ts-check
/**
 * The lodash-style `_` preloaded in every JavaScript block. These functions RUN INSIDE QuickJS:
 * the worker sends each one's source text (`Function.prototype.toString`) into the VM the first
 * time user code reads `_.<name>`, so a block pays only for the helpers it touches (QuickJS
 * compiles about 150 µs per KB on these machines).
 *
 * What must stay true: every entry is a self-contained arrow `($) => helper` that references
 * nothing from this module's scope, only its argument `$` (the shared core below, which also
 * carries `$._`, the `_` object, for helpers built on other helpers).
 */

/** @typedef {(value: any, key?: any) => any} Fn */
/**
 * @typedef {object} Core
 * @property {any} _ the `_` object itself (lazy: reading a property loads that helper)
 * @property {(path: any) => string[]} toPath
 * @property {(obj: any, path: any, dflt?: any) => any} get
 * @property {(f: any) => Fn} it turns lodash "iteratee shorthands" (function, property path, [path, value], partial object) into a function
 * @property {(coll: any) => any[]} values array of an array-like or of an object's own values
 * @property {(a: any, b: any) => number} cmp ascending order, undefined and null last (as lodash does)
 * @property {(a: any, b: any) => boolean} eq deep equality
 */

/** @type {(_: any) => Core} */
export const core = (_) => {
  /** @param {any} p */
  const toPath = (p) =>
    Array.isArray(p) ? p.map(String) : String(p).replace(/\[["']?([^\]"']*)["']?\]/g, ".$1").split(".").filter((s) => s !== "");
  /** @param {any} obj @param {any} path @param {any} [dflt] */
  const get = (obj, path, dflt) => {
    const parts = toPath(path);
    let v = obj;
    for (let i = 0; i < parts.length && v != null; i++) v = v[parts[i]];
    return v === undefined ? dflt : v;
  };
  /** @param {any} a @param {any} b @returns {boolean} */
  const eq = (a, b) => {
    if (a === b || (a !== a && b !== b)) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    if (a instanceof Date) return a.getTime() === b.getTime();
    if (Array.isArray(a)) {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!eq(a[i], b[i])) return false;
      return true;
    }
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || !eq(a[k], b[k])) return false;
    return true;
  };
  /** @param {any} f @returns {Fn} */
  const it = (f) => {
    if (typeof f === "function") return f;
    if (f == null) return (v) => v;
    if (Array.isArray(f)) return (v) => eq(get(v, f[0]), f[1]);
    if (typeof f === "object") {
      const ks = Object.keys(f);
      return (v) => v != null && ks.every((k) => eq(v[k], f[k]));
    }
    return (v) => get(v, f);
  };
  /** @param {any} coll */
  const values = (coll) => (coll == null ? [] : Array.isArray(coll) || typeof coll === "string" ? Array.from(coll) : Object.values(coll));
  /** @param {any} a @param {any} b */
  const cmp = (a, b) => {
    if (a === b) return 0;
    if (a === undefined) return 1;
    if (b === undefined) return -1;
    if (a === null) return 1;
    if (b === null) return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  };
  return { _, toPath, get, it, values, cmp, eq };
};

/** @type {Record<string, ($: Core) => Function>} */
export const helpers = {
  get: ($) => $.get,
  has: ($) => (/** @type {any} */ obj, /** @type {any} */ path) => {
    const parts = $.toPath(path);
    let v = obj;
    for (const p of parts) {
      if (v == null || !Object.prototype.hasOwnProperty.call(v, p)) return false;
      v = v[p];
    }
    return parts.length > 0;
  },
  set: ($) => (/** @type {any} */ obj, /** @type {any} */ path, /** @type {any} */ value) => {
    if (obj == null || typeof obj !== "object") return obj;
    const parts = $.toPath(path);
    let o = obj;
    for (let i = 0; i < parts.length - 1; i++) {
      const k = parts[i];
      if (k === "__proto__" || k === "constructor" || k === "prototype") return obj;
      if (o[k] == null || typeof o[k] !== "object") o[k] = /^\d+$/.test(parts[i + 1]) ? [] : {};
      o = o[k];
    }
    const last = parts[parts.length - 1];
    if (last !== undefined && last !== "__proto__") o[last] = value;
    return obj;
  },
  pick: ($) => (/** @type {any} */ obj, /** @type {any[]} */ ...paths) => {
    const out = {};
    if (obj == null) return out;
    for (const p of paths.flat()) {
      const parts = $.toPath(p);
      let v = obj;
      let found = true;
      for (const k of parts) {
        if (v == null || !(k in Object(v))) {
          found = false;
          break;
        }
        v = v[k];
      }
      if (found) $._.set(out, parts, v);
    }
    return out;
  },
  omit: () => (/** @type {any} */ obj, /** @type {any[]} */ ...keys) => {
    const drop = new Set(keys.flat().map(String));
    /** @type {Record<string, any>} */
    const out = {};
    if (obj == null) return out;
    for (const k of Object.keys(obj)) if (!drop.has(k)) out[k] = obj[k];
    return out;
  },
  groupBy: ($) => (/** @type {any} */ coll, /** @type {any} */ f) => {
    const fn = $.it(f);
    /** @type {Record<string, any[]>} */
    const out = {};
    for (const v of $.values(coll)) {
      const k = fn(v);
      (Object.prototype.hasOwnProperty.call(out, k) ? out[k] : (out[k] = [])).push(v);
    }
    return out;
  },
  keyBy: ($) => (/** @type {any} */ coll, /** @type {any} */ f) => {
    const fn = $.it(f);
    /** @type {Record<string, any>} */
    const out = {};
    for (const v of $.values(coll)) out[fn(v)] = v;
    return out;
  },
  countBy: ($) => (/** @type {any} */ coll, /** @type {any} */ f) => {
    const fn = $.it(f);
    /** @type {Record<string, number>} */
    const out = {};
    for (const v of $.values(coll)) {
      const k = fn(v);
      out[k] = (Object.prototype.hasOwnProperty.call(out, k) ? out[k] : 0) + 1;
    }
    return out;
  },
  partition: ($) => (/** @type {any} */ coll, /** @type {any} */ f) => {
    const fn = $.it(f);
    /** @type {[any[], any[]]} */
    const out = [[], []];
    for (const v of $.values(coll)) out[fn(v) ? 0 : 1].push(v);
    return out;
  },
  orderBy: ($) => (/** @type {any} */ coll, /** @type {any} */ fs, /** @type {any} */ orders) => {
    const fns = (fs == null ? [null] : Array.isArray(fs) ? fs : [fs]).map($.it);
    const ords = Array.isArray(orders) ? orders : orders == null ? [] : [orders];
    const rows = $.values(coll).map((v, i) => ({ v, i, k: fns.map((fn) => fn(v)) }));
    rows.sort((a, b) => {
      for (let j = 0; j < fns.length; j++) {
        const c = $.cmp(a.k[j], b.k[j]);
        if (c !== 0) return String(ords[j]).toLowerCase() === "desc" ? -c : c;
      }
      return a.i - b.i;
    });
    return rows.map((r) => r.v);
  },
  sortBy: ($) => (/** @type {any} */ coll, /** @type {any[]} */ ...fs) => $._.orderBy(coll, fs.length ? fs.flat() : null),
  uniq: () => (/** @type {any[]} */ arr) => Array.from(new Set(arr || [])),
  uniqBy: ($) => (/** @type {any[]} */ arr, /** @type {any} */ f) => {
    const fn = $.it(f);
    const seen = new Set();
    return (arr || []).filter((v) => {
      const k = fn(v);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  },
  chunk: () => (/** @type {any[]} */ arr, size = 1) => {
    const n = Math.max(Math.floor(size), 0);
    /** @type {any[][]} */
    const out = [];
    if (!arr || n < 1) return out;
    for (let i = 0; i < arr.length; i += n) out.push(arr.slice(i, i + n));
    return out;
  },
  compact: () => (/** @type {any[]} */ arr) => (arr || []).filter(Boolean),
  flatten: () => (/** @type {any[]} */ arr) => (arr || []).flat(1),
  flattenDeep: () => (/** @type {any[]} */ arr) => (arr || []).flat(Infinity),
  difference: () => (/** @type {any[]} */ arr, /** @type {any[][]} */ ...others) => {
    const drop = new Set(others.flat());
    return (arr || []).filter((v) => !drop.has(v));
  },
  intersection: () => (/** @type {any[][]} */ ...arrs) => {
    const [first = [], ...rest] = arrs;
    const sets = rest.map((a) => new Set(a));
    return Array.from(new Set(first)).filter((v) => sets.every((s) => s.has(v)));
  },
  zip: () => (/** @type {any[][]} */ ...arrs) => {
    const n = Math.max(0, ...arrs.map((a) => (a ? a.length : 0)));
    return Array.from({ length: n }, (_, i) => arrs.map((a) => (a ? a[i] : undefined)));
  },
  range: () => (/** @type {number} */ start, /** @type {number=} */ end, /** @type {number=} */ step) => {
    if (end === undefined) {
      end = start;
      start = 0;
    }
    if (step === undefined) step = start < end ? 1 : -1;
    const n = step === 0 ? Math.max(Math.ceil(end - start), 0) : Math.max(Math.ceil((end - start) / step), 0);
    if (n > 1e7) throw new RangeError("_.range: more than 10 million elements");
    return Array.from({ length: n }, (_, i) => start + i * /** @type {number} */ (step));
  },
  sum: () => (/** @type {number[]} */ arr) => (arr || []).reduce((a, v) => (v === undefined ? a : a + v), 0),
  sumBy: ($) => (/** @type {any[]} */ arr, /** @type {any} */ f) => {
    const fn = $.it(f);
    return (arr || []).reduce((a, v) => {
      const x = fn(v);
      return x === undefined ? a : a + x;
    }, 0);
  },
  mean: ($) => (/** @type {number[]} */ arr) => (arr && arr.length ? $._.sum(arr) / arr.length : NaN),
  meanBy: ($) => (/** @type {any[]} */ arr, /** @type {any} */ f) => (arr && arr.length ? $._.sumBy(arr, f) / arr.length : NaN),
  min: ($) => (/** @type {any[]} */ arr) => $._.minBy(arr),
  max: ($) => (/** @type {any[]} */ arr) => $._.maxBy(arr),
  minBy: ($) => (/** @type {any[]} */ arr, /** @type {any} */ f) => {
    const fn = $.it(f);
    let best;
    let bestK;
    for (const v of arr || []) {
      const k = fn(v);
      if (k != null && k === k && (bestK === undefined || k < bestK)) (best = v), (bestK = k);
    }
    return best;
  },
  maxBy: ($) => (/** @type {any[]} */ arr, /** @type {any} */ f) => {
    const fn = $.it(f);
    let best;
    let bestK;
    for (const v of arr || []) {
      const k = fn(v);
      if (k != null && k === k && (bestK === undefined || k > bestK)) (best = v), (bestK = k);
    }
    return best;
  },
  mapValues: ($) => (/** @type {any} */ obj, /** @type {any} */ f) => {
    const fn = $.it(f);
    /** @type {Record<string, any>} */
    const out = {};
    if (obj == null) return out;
    for (const k of Object.keys(obj)) out[k] = fn(obj[k], k);
    return out;
  },
  isEqual: ($) => $.eq,
  isEmpty: () => (/** @type {any} */ v) => {
    if (v == null) return true;
    if (typeof v === "string" || Array.isArray(v)) return v.length === 0;
    if (v instanceof Map || v instanceof Set) return v.size === 0;
    return typeof v === "object" ? Object.keys(v).length === 0 : true;
  },
  cloneDeep: () => {
    /** @param {any} v @param {Map<any, any>} seen @returns {any} */
    const clone = (v, seen) => {
      if (v === null || typeof v !== "object") return v;
      if (seen.has(v)) return seen.get(v);
      if (v instanceof Date) return new Date(v.getTime());
      if (v instanceof Map) {
        const m = new Map();
        seen.set(v, m);
        v.forEach((x, k) => m.set(k, clone(x, seen)));
        return m;
      }
      if (v instanceof Set) {
        const s = new Set();
        seen.set(v, s);
        v.forEach((x) => s.add(clone(x, seen)));
        return s;
      }
      /** @type {any} */
      const out = Array.isArray(v) ? [] : Object.create(Object.getPrototypeOf(v));
      seen.set(v, out);
      for (const k of Object.keys(v)) out[k] = clone(v[k], seen);
      return out;
    };
    return (/** @type {any} */ v) => clone(v, new Map());
  },
};

export const HELPER_NAMES = Object.keys(helpers);
