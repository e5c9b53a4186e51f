import { toErrorData } from "../errors";
import type { Region } from "../graph";
import { linkedAbort } from "./linked-abort";
import type { BlockOutcome, RegionOutcome } from "./types";

/** What the scheduler asks of the caller: it knows edges and joins, nothing of block types. */
export interface RegionHooks {
  execute(blockId: string, signal: AbortSignal): Promise<BlockOutcome>;
  /** A block that will not run: all its incoming edges were inactive, or the region ended first. */
  skip(blockId: string): void;
  /** A block still running when the region ended; its outcome is ignored. */
  abandon(blockId: string): void;
  /** Whether a block's data may be the region's result ("the last block run"). */
  countsAsResult(blockId: string): boolean;
}

/**
 * Runs one region from its entry. A block runs once every incoming edge is resolved and at least
 * one fired (a join); when none fired it is skipped and its edges resolve inactive, so skips
 * propagate. Ready blocks start at once, so independent blocks run concurrently. A return ends
 * the region, as does a failure with no `error` edge (or a fatal one): in-flight blocks are
 * aborted through the signal and abandoned, the rest skipped.
 */
export function runRegion(region: Region, hooks: RegionHooks, parent: AbortSignal): Promise<RegionOutcome> {
  return new Promise((resolve) => {
    const link = linkedAbort(parent);
    const waiting = new Map<string, number>();
    for (const id of region.blocks) waiting.set(id, region.incoming.get(id)?.length ?? 0);
    const active = new Set<string>();
    const inFlight = new Set<string>();
    const resolved = new Set<string>();
    let last: { blockId: string; data: unknown; size?: number } | null = null;
    let done = false;

    const finish = (outcome: RegionOutcome) => {
      if (done) return;
      done = true;
      link.abort(outcome);
      link.dispose();
      for (const id of inFlight) hooks.abandon(id);
      for (const id of region.blocks) if (!resolved.has(id) && !inFlight.has(id)) hooks.skip(id);
      resolve(outcome);
    };
    const propagate = (id: string, fired: string | null) => {
      for (const e of region.outgoing.get(id) ?? []) {
        if (e.port === fired) active.add(e.target);
        const left = (waiting.get(e.target) ?? 1) - 1;
        waiting.set(e.target, left);
        if (left === 0 && !done) ready(e.target);
      }
    };
    const ready = (id: string) => {
      if (active.has(id)) return launch(id);
      resolved.add(id);
      hooks.skip(id);
      propagate(id, null);
    };
    const settle = (id: string, o: BlockOutcome) => {
      if (done) return;
      inFlight.delete(id);
      resolved.add(id);
      if (o.ok && o.returned) return finish({ kind: "returned", blockId: id, value: o.data, size: o.size });
      if (o.ok) {
        if (hooks.countsAsResult(id)) last = { blockId: id, data: o.data, size: o.size };
        propagate(id, o.port);
      } else if (!o.fatal && region.outgoing.get(id)?.some((e) => e.port === "error")) {
        propagate(id, "error");
      } else {
        return finish({ kind: "failed", blockId: id, error: o.error, fatal: o.fatal });
      }
      if (inFlight.size === 0) finish({ kind: "completed", last });
    };
    const launch = (id: string) => {
      inFlight.add(id);
      hooks.execute(id, link.signal).then(
        (o) => settle(id, o),
        (err: unknown) => settle(id, { ok: false, error: toErrorData(err), fatal: false }),
      );
    };
    launch(region.entry);
  });
}
