/**
 * The isolation rule of the Python pool, and which processes it keeps, as pure choices over the
 * processes' states: a process serves ONE isolation key (app) for its whole life; it is "clean"
 * (owner null) until its first request binds it. Clean processes are the spares: restored in the
 * background, taken by whichever key needs one next.
 */

export interface SlotView {
  state: "starting" | "idle" | "busy" | "dead";
  /** The key it is bound to; null while clean. */
  owner: string | null;
  /** When it last finished a request (performance.now()). */
  lastUsed: number;
  /** The request it runs; null once it answered (a busy process is then checking its state). */
  job?: object | null;
}

/**
 * For a request of `key`: an idle process already bound to it, else an idle clean one, unless
 * a process of `key` has answered and is checking its state: that one is free in a moment (a
 * millisecond or two), and taking the clean spare for it would have the pool restore another
 * spare in the background after every call of an app called one at a time.
 */
export function pickIdle<S extends SlotView>(slots: readonly S[], key: string): S | undefined {
  let clean: S | undefined;
  let settling = false;
  for (const s of slots) {
    if (s.state === "busy" && s.owner === key && s.job === null) settling = true;
    if (s.state !== "idle") continue;
    if (s.owner === key) return s;
    if (s.owner === null && !clean) clean = s;
  }
  return settling ? undefined : clean;
}

/** Clean processes ready or on the way (starting, or idle and unbound). */
export function cleanCount(slots: readonly SlotView[]): number {
  return slots.filter((s) => s.state === "starting" || (s.state === "idle" && s.owner === null)).length;
}

/** Waiting keys that no live process is bound to: each needs a clean process. */
export function unservedKeys(slots: readonly SlotView[], waitingKeys: ReadonlySet<string>): number {
  let n = 0;
  for (const k of waitingKeys) if (!slots.some((s) => s.state !== "dead" && s.owner === k)) n++;
  return n;
}

/**
 * Processes to recycle so that waiting requests of keys without any process get a clean one:
 * as many as those keys outnumber the clean processes on the way and the processes the pool
 * may still add (`growable`, within its budget), taken among idle processes bound to keys
 * nobody is waiting for, least recently used first.
 */
export function victimsFor<S extends SlotView>(slots: readonly S[], waitingKeys: ReadonlySet<string>, growable = 0): S[] {
  if (waitingKeys.size === 0) return [];
  const need = unservedKeys(slots, waitingKeys) - cleanCount(slots) - growable;
  if (need <= 0) return [];
  return slots
    .filter((s) => s.state === "idle" && s.owner !== null && !waitingKeys.has(s.owner))
    .sort((a, b) => a.lastUsed - b.lastUsed)
    .slice(0, need);
}

/**
 * Idle processes given up when the pool shrinks: bound to keys not used for `idleMs`, least
 * recently used first, while more than `keep` processes are alive.
 */
export function idleToRetire<S extends SlotView>(slots: readonly S[], now: number, idleMs: number, keep: number): S[] {
  const room = slots.length - keep;
  if (room <= 0) return [];
  return slots
    .filter((s) => s.state === "idle" && s.owner !== null && now - s.lastUsed >= idleMs)
    .sort((a, b) => a.lastUsed - b.lastUsed)
    .slice(0, room);
}
