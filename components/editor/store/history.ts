import type { FunctionDefinition } from "@/engine/model";

export const DEFAULT_HISTORY_LIMIT = 200;

/**
 * Undo/redo of whole definitions. Edits share structure, so keeping 200 of them costs little
 * more than the parts that changed.
 */
export interface History {
  readonly past: readonly FunctionDefinition[];
  readonly present: FunctionDefinition;
  readonly future: readonly FunctionDefinition[];
  /** The coalesce key of the last push; null after undo, redo or `seal`. */
  readonly coalesceKey: string | null;
  readonly limit: number;
}

export interface PushOptions {
  /**
   * Consecutive pushes with the same key merge into one undo step: typing in one code editor
   * (`source:code1`), dragging nodes (`move:<gesture id>`). Call `seal` when the gesture ends so
   * the next one with the same key starts a new step.
   */
  coalesceKey?: string;
}

export function createHistory(initial: FunctionDefinition, limit = DEFAULT_HISTORY_LIMIT): History {
  return { past: [], present: initial, future: [], coalesceKey: null, limit: Math.max(1, limit) };
}

/** Records `next` as the present; clears the redo stack. Pushing the present itself is a no-op. */
export function push(h: History, next: FunctionDefinition, opts: PushOptions = {}): History {
  if (next === h.present) return h;
  const key = opts.coalesceKey ?? null;
  if (key !== null && key === h.coalesceKey) return { ...h, present: next, future: [] };
  const past = [...h.past, h.present];
  return { ...h, past: past.length > h.limit ? past.slice(past.length - h.limit) : past, present: next, future: [], coalesceKey: key };
}

export function canUndo(h: History): boolean {
  return h.past.length > 0;
}

export function canRedo(h: History): boolean {
  return h.future.length > 0;
}

export function undo(h: History): History {
  if (!canUndo(h)) return h;
  return { ...h, past: h.past.slice(0, -1), present: h.past[h.past.length - 1], future: [h.present, ...h.future], coalesceKey: null };
}

export function redo(h: History): History {
  if (!canRedo(h)) return h;
  return { ...h, past: [...h.past, h.present], present: h.future[0], future: h.future.slice(1), coalesceKey: null };
}

/** Ends the current coalescing run: the next push is a step of its own. */
export function seal(h: History): History {
  return h.coalesceKey === null ? h : { ...h, coalesceKey: null };
}
