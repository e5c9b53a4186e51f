/**
 * The isolation rule of the Python pool, as pure choices over the processes' states: a process
 * serves ONE isolation key (app) for its whole life; it is "clean" (owner null) until its first
 * request binds it.
 */

export interface SlotView {
  state: "starting" | "idle" | "busy" | "dead";
  /** The key it is bound to; null while clean. */
  owner: string | null;
  /** When it last finished a request (performance.now()). */
  lastUsed: number;
}

/** For a request of `key`: an idle process already bound to it, else an idle clean one. */
export function pickIdle<S extends SlotView>(slots: readonly S[], key: string): S | undefined {
  let clean: S | undefined;
  for (const s of slots) {
    if (s.state !== "idle") continue;
    if (s.owner === key) return s;
    if (s.owner === null && !clean) clean = s;
  }
  return clean;
}

/**
 * Processes to recycle so that waiting requests of keys without any process get a clean one:
 * as many as those keys outnumber the clean processes on the way (starting, or idle and clean),
 * taken among idle processes bound to keys nobody is waiting for, least recently used first.
 */
export function victimsFor<S extends SlotView>(slots: readonly S[], waitingKeys: ReadonlySet<string>): S[] {
  if (waitingKeys.size === 0) return [];
  let unserved = 0;
  for (const k of waitingKeys) if (!slots.some((s) => s.state !== "dead" && s.owner === k)) unserved++;
  const cleanComing = slots.filter((s) => s.state === "starting" || (s.state === "idle" && s.owner === null)).length;
  const need = unserved - cleanComing;
  if (need <= 0) return [];
  return slots
    .filter((s) => s.state === "idle" && s.owner !== null && !waitingKeys.has(s.owner))
    .sort((a, b) => a.lastUsed - b.lastUsed)
    .slice(0, need);
}
