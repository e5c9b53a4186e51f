/**
 * Masking secrets in text: every encoding a credential travels in, and any fragment of
 * `FRAGMENT` or more characters of it, so that an upstream echoing part of a secret (or a
 * guess sharing part of it) shows `[redacted]` there. See README.md, "Redaction".
 *
 * How: each secret is cut into windows of `FRAGMENT` characters (in each encoding, the encoded
 * form of those characters), every window is a pattern, and the text is scanned once per
 * pattern length with a rolling hash; a hash that a bit filter says may be a pattern's start is
 * checked against the patterns it stands for. The union of the matched windows is what gets
 * replaced, one `[redacted]` per run. Cost: one pass over the text, whatever the number of
 * secrets; a compiled set is kept for its array and for the 64 sets used last.
 */

import { createHash } from "node:crypto";

export const REDACTED = "[redacted]";

/** Fewest characters of a secret that are masked wherever they appear. */
export const FRAGMENT = 8;

/**
 * A value to mask: a secret string (itself, its encodings, and any fragment of `FRAGMENT` or
 * more characters), or `{ whole }`, a text masked only whole and as written (a connection
 * string, whose fragments such as `postgres://` or a host name are not secret).
 */
export type Secret = string | { readonly whole: string };

/** Base64 characters that 8 bytes fully determine, at any alignment: 64 bits → 10 characters. */
const BASE64_WINDOW = 10;

const hex = (b: Buffer) => b.toString("hex");
const lowerEscapes = (s: string) => s.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
const form = (s: string) => new URLSearchParams({ k: s }).toString().slice(2);

/** Encodings that work character by character: the form of a fragment is a fragment of the form. */
const CHAR_ENCODINGS: ReadonlyArray<(s: string) => string> = [
  (s) => s,
  encodeURIComponent,
  (s) => lowerEscapes(encodeURIComponent(s)),
  form,
  (s) => lowerEscapes(form(s)),
  (s) => JSON.stringify(s).slice(1, -1),
];

/**
 * A conventional public prefix of a key (`sk_live_`, `sk-proj-`, `sk-ant-api03-`, `github_pat_`,
 * `ghp_`, `xoxb-`): up to four leading segments of letters and digits, each ending in `_` or `-`.
 */
const PUBLIC_PREFIX = /^(?:[A-Za-z0-9]{1,12}[_-]){1,4}/;

/**
 * The part of a secret its fragments are taken from: after a conventional public prefix, so no
 * fragment is 7 public characters and one guessed one. Were it otherwise, an upstream echoing
 * the prefix and a guessed character would mask it only when the guess is right, and the secret
 * would be read one character per try. The whole secret, prefix included, is still masked whole.
 */
export function secretCore(secret: string): string {
  return secret.slice(PUBLIC_PREFIX.exec(secret)?.[0].length ?? 0);
}

function addCharForms(out: Set<string>, secret: string): void {
  // The whole secret in each encoding, then the fragments of its core.
  for (const encode of CHAR_ENCODINGS) {
    try {
      out.add(encode(secret));
    } catch {
      // A lone surrogate cannot be URL-encoded: it cannot travel that way either.
    }
  }
  const chars = Array.from(secretCore(secret));
  if (chars.length < FRAGMENT) return;
  const w = FRAGMENT;
  for (const encode of CHAR_ENCODINGS) {
    let encoded: string[];
    try {
      // Each character encoded once; a window is the join of its characters' forms.
      encoded = chars.map(encode);
    } catch {
      // A lone surrogate cannot be URL-encoded: it cannot travel that way either.
      continue;
    }
    for (let i = 0; i + w <= encoded.length; i++) out.add(encoded.slice(i, i + w).join(""));
  }
}

/** The base64 characters fully determined by `bytes` when they start `align` bytes into a group of 3. */
function alignedBase64(bytes: Buffer, align: number): string {
  const encoded = Buffer.concat([Buffer.alloc(align), bytes]).toString("base64");
  return encoded.slice(Math.ceil((8 * align) / 6), Math.floor((8 * (align + bytes.length)) / 6));
}

function addByteForms(out: Set<string>, secret: string): void {
  const all = Buffer.from(secret, "utf8");
  // The whole secret encoded on its own (an AUTH LOGIN line, a header someone base64'd).
  const b64 = all.toString("base64");
  for (const whole of [b64, b64.replace(/=+$/, ""), all.toString("base64url"), hex(all), hex(all).toUpperCase()]) out.add(whole);
  // Fragments come from the core only (see secretCore).
  const bytes = Buffer.from(secretCore(secret), "utf8");
  if (bytes.length < FRAGMENT) return;
  for (let i = 0; i + FRAGMENT <= bytes.length; i++) {
    const h = hex(bytes.subarray(i, i + FRAGMENT));
    out.add(h);
    out.add(h.toUpperCase());
  }
  // Inside a longer base64 text (user:password, \0user\0password) the secret may start at any of
  // three alignments; each gives its own characters.
  for (let align = 0; align < 3; align++) {
    const std = alignedBase64(bytes, align);
    const url = std.replace(/\+/g, "-").replace(/\//g, "_");
    for (let i = 0; i + BASE64_WINDOW <= std.length; i++) {
      out.add(std.slice(i, i + BASE64_WINDOW));
      out.add(url.slice(i, i + BASE64_WINDOW));
    }
  }
}

/** Every text to find: the windows of each secret in each encoding, and the wholes. */
export function maskPatterns(secrets: readonly Secret[]): string[] {
  const out = new Set<string>();
  for (const s of secrets) {
    if (typeof s === "string") {
      if (s === "") continue;
      addCharForms(out, s);
      addByteForms(out, s);
    } else if (s.whole !== "") out.add(s.whole);
  }
  out.delete("");
  return [...out];
}

const BASE = 0x01000193;

/** Patterns that share a key length (their first `keyLength` characters are hashed). */
interface Group {
  keyLength: number;
  /** BASE^(keyLength-1), for rolling the first character out. */
  top: number;
  /** One bit per filter slot: set when some pattern's key hashes there. */
  filter: Uint32Array;
  /** 32 - log2(filter bits): a hash's slot is its mixed top bits. */
  shift: number;
  byHash: Map<number, string[]>;
}

function hashKey(text: string, from: number, length: number): number {
  let h = 0;
  for (let j = 0; j < length; j++) h = (Math.imul(h, BASE) + text.charCodeAt(from + j)) | 0;
  return h;
}

const slot = (h: number, shift: number) => Math.imul(h, 0x9e3779b1) >>> shift;

/** Filter bits for n keys: about 32 per key (a false hit in ~30 positions at worst), 2^10 to 2^20. */
function filterBits(n: number): number {
  return Math.min(20, Math.max(10, Math.ceil(Math.log2(n * 32))));
}

/** Masks text for one set of secrets. Build with `secretMask`. */
export class SecretMask {
  private readonly groups: Group[] = [];
  /** The shortest pattern: shorter texts are returned as they are. */
  private readonly shortest: number;
  /**
   * How far past a cut, in UTF-8 bytes, a text must have been read for a secret running
   * across the cut to be masked whole: the longest pattern.
   */
  readonly marginBytes: number;

  constructor(secrets: readonly Secret[]) {
    const patterns = maskPatterns(secrets);
    const byLength = new Map<number, string[]>();
    let shortest = Infinity;
    let margin = 0;
    for (const p of patterns) {
      shortest = Math.min(shortest, p.length);
      margin = Math.max(margin, Buffer.byteLength(p));
      const keyLength = Math.min(FRAGMENT, p.length);
      const list = byLength.get(keyLength);
      if (list) list.push(p);
      else byLength.set(keyLength, [p]);
    }
    for (const [keyLength, list] of byLength) {
      let top = 1;
      for (let j = 1; j < keyLength; j++) top = Math.imul(top, BASE);
      const bits = filterBits(list.length);
      const g: Group = { keyLength, top, filter: new Uint32Array(1 << (bits - 5)), shift: 32 - bits, byHash: new Map() };
      for (const p of list) {
        const h = hashKey(p, 0, keyLength);
        const s = slot(h, g.shift);
        g.filter[s >>> 5] |= 1 << (s & 31);
        const same = g.byHash.get(h);
        if (same) same.push(p);
        else g.byHash.set(h, [p]);
      }
      this.groups.push(g);
    }
    this.shortest = shortest;
    this.marginBytes = margin;
  }

  get empty(): boolean {
    return this.groups.length === 0;
  }

  /** The stretches of `text` to mask, sorted, overlapping ones merged: [start, end) pairs. */
  ranges(text: string): Array<[number, number]> {
    if (text.length < this.shortest) return [];
    const found: Array<[number, number]> = [];
    for (const { keyLength: L, top, filter, shift, byHash } of this.groups) {
      if (text.length < L) continue;
      let h = hashKey(text, 0, L);
      const last = text.length - L;
      for (let i = 0; ; i++) {
        const s = Math.imul(h, 0x9e3779b1) >>> shift;
        if ((filter[s >>> 5] & (1 << (s & 31))) !== 0) {
          const list = byHash.get(h);
          if (list) for (const p of list) if (text.startsWith(p, i)) found.push([i, i + p.length]);
        }
        if (i === last) break;
        h = (Math.imul((h - Math.imul(text.charCodeAt(i), top)) | 0, BASE) + text.charCodeAt(i + L)) | 0;
      }
    }
    if (found.length === 0) return found;
    found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const merged: Array<[number, number]> = [found[0]];
    for (let k = 1; k < found.length; k++) {
      const cur = merged[merged.length - 1];
      const [start, end] = found[k];
      if (start < cur[1]) cur[1] = Math.max(cur[1], end);
      else merged.push([start, end]);
    }
    return merged;
  }

  /** `text` with every stretch to mask replaced by `[redacted]`. */
  text(text: string): string {
    return this.prefix(text, text.length);
  }

  /**
   * The first `end` characters of `text`, masked as if whole: a secret that runs across `end`
   * is masked, not cut (masking after a cut would leave the secret's first characters).
   */
  prefix(text: string, end: number): string {
    if (this.empty) return text.slice(0, end);
    const ranges = this.ranges(text);
    if (ranges.length === 0) return text.slice(0, end);
    let out = "";
    let at = 0;
    for (const [start, stop] of ranges) {
      if (start >= end) break;
      out += text.slice(at, start) + REDACTED;
      at = stop;
    }
    return at < end ? out + text.slice(at, end) : out;
  }

  /** A copy of a JSON-like value with every string masked, keys included. */
  value(value: unknown): unknown {
    if (this.empty) return value;
    if (typeof value === "string") return this.text(value);
    // A number holding a secret (a PIN, a numeric key) cannot be masked in place: it becomes the mark.
    if (typeof value === "number" || typeof value === "bigint") return this.ranges(String(value)).length > 0 ? REDACTED : value;
    if (Array.isArray(value)) return value.map((v) => this.value(v));
    if (value !== null && typeof value === "object") return this.record(value);
    return value;
  }

  /** An object's own entries as a new plain object, keys and values masked. */
  record(value: object): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    // defineProperty: a key "__proto__" (JSON.parse makes own ones) stays a key.
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, this.text(k), { value: this.value(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
}

const byArray = new WeakMap<readonly Secret[], SecretMask>();
/** Recently used masks by a digest of their secrets: a query does not pay the compile each time. */
const recent = new Map<string, SecretMask>();
const RECENT_MAX = 64;

function digest(secrets: readonly Secret[]): string {
  const h = createHash("sha256");
  for (const s of secrets) h.update(typeof s === "string" ? `s${s.length}:${s}` : `w${s.whole.length}:${s.whole}`);
  return h.digest("base64");
}

/** The mask for a set of secrets: compiled once per array, and reused for the same secrets. */
export function secretMask(secrets: readonly Secret[]): SecretMask {
  let m = byArray.get(secrets);
  if (m) return m;
  const key = digest(secrets);
  m = recent.get(key);
  if (m) recent.delete(key);
  else m = new SecretMask(secrets);
  recent.set(key, m);
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value ?? "");
  byArray.set(secrets, m);
  return m;
}
