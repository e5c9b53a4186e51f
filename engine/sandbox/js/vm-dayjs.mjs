// @ts-check
/**
 * The small `dayjs`-like date helper preloaded in every JavaScript block. It RUNS INSIDE
 * QuickJS: the worker sends `makeDayjs.toString()` into the VM the first time user code reads
 * `dayjs`. It must reference nothing outside its own body.
 *
 * Supported: `dayjs()`, `dayjs(isoString | ms | Date | dayjs)`, `dayjs.utc(x)`, `dayjs.unix(s)`,
 * `.format(tokens)`, `.add/.subtract(n, unit)`, `.startOf/.endOf(unit)`, `.diff(x, unit, float)`,
 * `.isBefore/.isAfter/.isSame(x, unit?)`, `.valueOf()`, `.unix()`, `.toDate()`, `.toISOString()`,
 * `.toJSON()`, `.isValid()`, getters `.year() .month() .date() .day() .hour() .minute() .second()
 * .millisecond()`, `.utc()`, `.local()`. Units: year, month, week, day (date), hour, minute, second,
 * millisecond, and their dayjs short forms (y M w d h m s ms). Local time is the server's zone;
 * use `dayjs.utc` for zone-independent results. A date-only string ("2024-03-01") is midnight in
 * that mode, as in dayjs.
 */
export const makeDayjs = () => {
  const SHORT = /** @type {Record<string, string>} */ ({ y: "year", M: "month", w: "week", d: "day", D: "date", h: "hour", m: "minute", s: "second", ms: "millisecond" });
  const MS = /** @type {Record<string, number>} */ ({ millisecond: 1, second: 1e3, minute: 6e4, hour: 36e5, day: 864e5, week: 6048e5 });
  const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  const LOCAL_ISO = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;
  /** @param {any} u */
  const unit = (u) => {
    const s = String(u || "");
    const n = SHORT[s] || s.toLowerCase().replace(/s$/, "");
    return n === "date" ? "day" : n;
  };
  /** @param {number} n @param {number} [w] */
  const pad = (n, w = 2) => String(Math.abs(n)).padStart(w, "0");
  // Field accessors per mode: [getter, setter] names for year, month, date, hours, minutes, seconds, ms.
  const F = {
    l: ["FullYear", "Month", "Date", "Hours", "Minutes", "Seconds", "Milliseconds", "Day"],
    u: ["UTCFullYear", "UTCMonth", "UTCDate", "UTCHours", "UTCMinutes", "UTCSeconds", "UTCMilliseconds", "UTCDay"],
  };

  class Day {
    /** @param {Date} d @param {boolean} utc */
    constructor(d, utc) {
      this.$d = d;
      this.$u = utc;
    }
    /** @param {number} i */
    $g(i) {
      // @ts-ignore dynamic Date accessor
      return this.$d["get" + F[this.$u ? "u" : "l"][i]]();
    }
    /** @param {number[]} parts year, month, date, h, m, s, ms */
    $make(parts) {
      const d = this.$u ? new Date(Date.UTC(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6])) : new Date(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6]);
      return new Day(d, this.$u);
    }
    $parts() {
      return [0, 1, 2, 3, 4, 5, 6].map((i) => this.$g(i));
    }
    isValid() {
      return !isNaN(this.$d.getTime());
    }
    valueOf() {
      return this.$d.getTime();
    }
    unix() {
      return Math.floor(this.valueOf() / 1000);
    }
    toDate() {
      return new Date(this.valueOf());
    }
    toISOString() {
      return this.$d.toISOString();
    }
    toJSON() {
      return this.isValid() ? this.toISOString() : null;
    }
    toString() {
      return this.$d.toUTCString();
    }
    year() {
      return this.$g(0);
    }
    month() {
      return this.$g(1);
    }
    date() {
      return this.$g(2);
    }
    hour() {
      return this.$g(3);
    }
    minute() {
      return this.$g(4);
    }
    second() {
      return this.$g(5);
    }
    millisecond() {
      return this.$g(6);
    }
    day() {
      return this.$g(7);
    }
    utc() {
      return new Day(new Date(this.valueOf()), true);
    }
    local() {
      return new Day(new Date(this.valueOf()), false);
    }
    /** @param {number} n @param {string} u */
    add(n, u) {
      const k = unit(u);
      const num = Number(n);
      if (k === "year" || k === "month") {
        const p = this.$parts();
        const months = p[1] + (k === "year" ? num * 12 : num);
        // Clamp the day to the last day of the target month, as dayjs does (Jan 31 + 1 month = Feb 28/29).
        const last = this.$make([p[0], months + 1, 0, 0, 0, 0, 0]).date();
        return this.$make([p[0], months, Math.min(p[2], last), p[3], p[4], p[5], p[6]]);
      }
      if (k === "day" || k === "week") {
        const p = this.$parts();
        p[2] += num * (k === "week" ? 7 : 1);
        return this.$make(p);
      }
      if (!MS[k]) throw new Error("dayjs: unknown unit " + u);
      return new Day(new Date(this.valueOf() + num * MS[k]), this.$u);
    }
    /** @param {number} n @param {string} u */
    subtract(n, u) {
      return this.add(-n, u);
    }
    /** @param {string} u @param {boolean} [end] */
    startOf(u, end) {
      const k = unit(u);
      const p = this.$parts();
      const idx = { year: 1, month: 2, week: 3, day: 3, hour: 4, minute: 5, second: 6, millisecond: 7 }[k];
      if (!idx) throw new Error("dayjs: unknown unit " + u);
      const base = [p[0], 0, 1, 0, 0, 0, 0];
      for (let i = 0; i < idx; i++) base[i] = p[i];
      if (k === "week") base[2] -= this.day();
      const start = this.$make(base);
      return end ? start.add(1, k).add(-1, "millisecond") : start;
    }
    /** @param {string} u */
    endOf(u) {
      return this.startOf(u, true);
    }
    /** @param {any} other @param {string} [u] @param {boolean} [float] */
    diff(other, u, float) {
      const b = dayjs(other);
      const k = unit(u || "millisecond");
      let r;
      if (k === "year" || k === "month") {
        r = monthDiff(this, b) / (k === "year" ? 12 : 1);
      } else {
        if (!MS[k]) throw new Error("dayjs: unknown unit " + u);
        r = (this.valueOf() - b.valueOf()) / MS[k];
      }
      return float ? r : Math.trunc(r);
    }
    /** @param {any} other @param {string} [u] */
    isBefore(other, u) {
      return u ? this.endOf(u).valueOf() < dayjs(other).valueOf() : this.valueOf() < dayjs(other).valueOf();
    }
    /** @param {any} other @param {string} [u] */
    isAfter(other, u) {
      return u ? dayjs(other).valueOf() < this.startOf(u).valueOf() : this.valueOf() > dayjs(other).valueOf();
    }
    /** @param {any} other @param {string} [u] */
    isSame(other, u) {
      const t = dayjs(other).valueOf();
      return u ? this.startOf(u).valueOf() <= t && t <= this.endOf(u).valueOf() : this.valueOf() === t;
    }
    /** @param {string} [fmt] */
    format(fmt) {
      if (!this.isValid()) return "Invalid Date";
      const [Y, M, D, H, m, s, ms, d] = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => this.$g(i));
      const off = this.$u ? 0 : -this.$d.getTimezoneOffset();
      /** @param {string} sep */
      const zone = (sep) => (off < 0 ? "-" : "+") + pad(Math.floor(Math.abs(off) / 60)) + sep + pad(Math.abs(off) % 60);
      /** @type {Record<string, () => string | number>} */
      const T = {
        YYYY: () => pad(Y, 4),
        YY: () => pad(Y % 100),
        MMMM: () => MONTHS[M],
        MMM: () => MONTHS[M].slice(0, 3),
        MM: () => pad(M + 1),
        M: () => M + 1,
        DD: () => pad(D),
        D: () => D,
        dddd: () => DAYS[d],
        ddd: () => DAYS[d].slice(0, 3),
        dd: () => DAYS[d].slice(0, 2),
        d: () => d,
        HH: () => pad(H),
        H: () => H,
        hh: () => pad(H % 12 || 12),
        h: () => H % 12 || 12,
        mm: () => pad(m),
        m: () => m,
        ss: () => pad(s),
        s: () => s,
        SSS: () => pad(ms, 3),
        A: () => (H < 12 ? "AM" : "PM"),
        a: () => (H < 12 ? "am" : "pm"),
        ZZ: () => zone(""),
        Z: () => zone(":"),
        X: () => this.unix(),
        x: () => this.valueOf(),
      };
      return String(fmt || "YYYY-MM-DDTHH:mm:ssZ").replace(
        /\[([^\]]*)]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|SSS|A|a|ZZ|Z|X|x/g,
        (tok, esc) => (esc !== undefined ? esc : String(T[tok]())),
      );
    }
  }

  /** dayjs's month difference (same algorithm, so fractions match). @param {Day} a @param {Day} b @returns {number} */
  const monthDiff = (a, b) => {
    if (a.date() < b.date()) return -monthDiff(b, a);
    const wheel = (b.year() - a.year()) * 12 + (b.month() - a.month());
    const anchor = a.add(wheel, "month").valueOf();
    const before = b.valueOf() - anchor < 0;
    const anchor2 = a.add(wheel + (before ? -1 : 1), "month").valueOf();
    return +(-(wheel + (b.valueOf() - anchor) / (before ? anchor - anchor2 : anchor2 - anchor)) || 0);
  };

  /** @param {any} x @param {boolean} utc */
  const parse = (x, utc) => {
    if (x instanceof Day) return new Date(x.valueOf());
    if (x === undefined) return new Date();
    if (x === null) return new Date(NaN);
    if (x instanceof Date) return new Date(x.getTime());
    if (typeof x === "number") return new Date(x);
    const s = String(x);
    const m = LOCAL_ISO.exec(s);
    if (m) {
      const p = [Number(m[1]), Number(m[2]) - 1, Number(m[3] || 1), Number(m[4] || 0), Number(m[5] || 0), Number(m[6] || 0), Number((m[7] || "0").padEnd(3, "0"))];
      return utc ? new Date(Date.UTC(p[0], p[1], p[2], p[3], p[4], p[5], p[6])) : new Date(p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
    }
    return new Date(s);
  };

  /** @param {any} [x] */
  const dayjs = (x) => new Day(parse(x, x instanceof Day ? x.$u : false), x instanceof Day ? x.$u : false);
  /** @param {any} [x] */
  dayjs.utc = (x) => new Day(parse(x, true), true);
  /** @param {number} s */
  dayjs.unix = (s) => new Day(new Date(s * 1000), false);
  /** @param {any} x */
  dayjs.isDayjs = (x) => x instanceof Day;
  return dayjs;
};
