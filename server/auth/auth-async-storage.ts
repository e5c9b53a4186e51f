import { AsyncLocalStorage } from "node:async_hooks";
import { getBetterAuthVersion } from "@better-auth/core/context";

/**
 * better-auth keeps three pieces of request state in AsyncLocalStorage (the request's state, the
 * endpoint's context, the adapter's transaction), each its own instance made on first use. Once
 * an instance has run, Node 20 calls into it for EVERY async resource the process creates
 * afterwards (each promise, timer and tick of every `/api/fn` call, not only better-auth's),
 * and keeps a property per instance on each promise: the three added about a tenth of a
 * millisecond of CPU to a call that never reaches better-auth (issue 11's session check cost,
 * found in issue 13's profile). Installed before better-auth makes its own, the three lanes
 * below carry their stores in ONE instance: the same `run`/`getStore` semantics, one hook.
 */
type Stores = Readonly<Record<string, unknown>>;

const carrier = new AsyncLocalStorage<Stores>();

/** One of better-auth's storages, as a key of the carrier's store. */
export class StorageLane<T> {
  constructor(private readonly key: string) {}

  getStore(): T | undefined {
    // The carrier's store holds, under this lane's key, what `run` put there.
    return carrier.getStore()?.[this.key] as T | undefined;
  }

  run<R, A extends unknown[]>(store: T, fn: (...args: A) => R, ...args: A): R {
    return carrier.run({ ...carrier.getStore(), [this.key]: store }, fn, ...args);
  }

  exit<R, A extends unknown[]>(fn: (...args: A) => R, ...args: A): R {
    const current = carrier.getStore();
    if (!current || !(this.key in current)) return fn(...args);
    const rest: Record<string, unknown> = { ...current };
    delete rest[this.key];
    return carrier.run(rest, fn, ...args);
  }

  enterWith(store: T): void {
    carrier.enterWith({ ...carrier.getStore(), [this.key]: store });
  }
}

/** The names under which better-auth looks its storages up (@better-auth/core/dist/context). */
export const BETTER_AUTH_STORAGES = ["requestStateAsyncStorage", "endpointContextAsyncStorage", "adapterAsyncStorage"] as const;

const GLOBAL = Symbol.for("better-auth:global");

/**
 * Puts the lanes where better-auth looks for its storages, unless it made its own already.
 * Idempotent; called before the process's better-auth instance is built (auth.ts).
 */
export function shareAuthAsyncStorage(): void {
  getBetterAuthVersion(); // makes better-auth's process-wide record (globalThis[GLOBAL]) if none exists
  const record: unknown = Reflect.get(globalThis, GLOBAL);
  if (typeof record !== "object" || record === null) return;
  const context: unknown = Reflect.get(record, "context");
  if (typeof context !== "object" || context === null) return;
  for (const name of BETTER_AUTH_STORAGES) {
    if (Reflect.get(context, name) === undefined) Reflect.set(context, name, new StorageLane(name));
  }
}
