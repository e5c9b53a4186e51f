import type { LogEntry, RunnerError } from "../types";

/**
 * The frames between the Python pool and a child, defined once. python-process.ts and index.ts
 * import them; child.mjs names them in JSDoc (`@typedef {import("./protocol").ChildFrame}`).
 * harness.py is Python and writes the `log` and `done` frames and reads `RunHeader` itself: ITS
 * FIELD NAMES MUST STAY THE ONES BELOW (protocol.test.ts round-trips every frame through a real
 * child, so a rename on one side only fails that test).
 *
 *   parent → child   stdin, one line each: ChildInit, then per request `<RunHeader JSON>\t<scope JSON>`
 *   child → parent   stdout, one ChildFrame per line; a `done` frame with `ok: true` is followed
 *                    by one line holding the result's JSON (read under its own byte cap)
 *
 * Everything a child sends is UNTRUSTED (user code shares its interpreter): these types say what
 * a well-behaved child sends; python-process.ts and result.ts check every field they read.
 */

/** parent → child: the first line (seeds Python's hash and random state). */
export interface ChildInit {
  seed: string;
}

/** parent → child: the header of a request line. */
export interface RunHeader {
  id: number;
  /** The body of the block's function. */
  source: string;
  maxLogBytes: number;
  maxOutputBytes: number;
  /** Epoch ms when the request started (log `t` is relative to it). */
  startedAt: number;
  /** The cap on the WebAssembly heap's growth during the request. */
  memoryBytes: number;
}


export type ChildFrame =
  /** Restored and warmed up: `heapBytes` is the WebAssembly heap at rest, `startMs` spawn to ready. */
  | { type: "ready"; heapBytes: number; startMs: number; version: string }
  /** Logs streamed during a run (batches of 64 entries or 100 ms). */
  | { type: "log"; id: number; logs: LogEntry[]; logsTruncated: boolean }
  /** The request's end; when `ok`, the value's JSON follows on the next line. */
  | { type: "done"; id: number; ok: true; logs: LogEntry[]; logsTruncated: boolean }
  | { type: "done"; id: number; ok: false; error: RunnerError; logs: LogEntry[]; logsTruncated: boolean }
  /** State checked after the answer: `dirty` names what the request left changed ("" when clean). */
  | { type: "idle"; dirty: string; heapBytes: number };
