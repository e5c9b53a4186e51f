import { EngineError, toErrorData } from "../errors";
import type { Block } from "../model";
import type { LogEntry, Scope } from "../sandbox/types";
import type { BlockContext, BlockResult } from "./block-context";
import { executorOf, runBlock } from "./blocks/executors";
import { checkOutput } from "./check-output";
import { FatalBlockError, type RunContext } from "./run-context";
import type { OutputPreview, TraceEntry } from "./types";
import type { BlockOutcome } from "./types";
import { withDeadline } from "./with-deadline";
import { withRetries, type Attempt } from "./with-retries";

/** Takes a call's log lines into the block's trace entry, within the run's log budget, as they arrive. */
function logSink(ctx: RunContext, entry: TraceEntry, blockStart: number): BlockContext["log"] {
  return (entries: readonly LogEntry[], callStart: number, truncated?: boolean) => {
    const offset = callStart - blockStart;
    const before = entry.logs.length;
    const cut = ctx.budget.logs.take(entries, truncated === true, entry.logs, (l) => ({ level: l.level, message: l.message, t: offset + l.t }));
    if (cut) entry.logsTruncated = true;
    if (entry.logs.length > before) ctx.trace.logged(entry);
  };
}

/** The trace's view of a block's data, within the run's preview budget. */
function budgetedPreview(ctx: RunContext, preview: OutputPreview): OutputPreview {
  const kept = ctx.budget.previews.grant(preview.json.length);
  return kept === preview.json.length ? preview : { json: preview.json.slice(0, kept), size: preview.size, truncated: true };
}

async function attempt(b: Omit<BlockContext, "signal">, signal: AbortSignal): Promise<Attempt<BlockResult>> {
  const { block, run } = b;
  // A block that times itself (code, in the sandbox) gets no host deadline; others only when they set one.
  const hostTimeout = executorOf(block.type).ownTimeout ? undefined : block.timeoutMs;
  try {
    return { ok: true, value: await withDeadline(hostTimeout, run.clock, signal, block.name, (s) => runBlock({ ...b, signal: s })) };
  } catch (err) {
    if (err instanceof FatalBlockError) return { ok: false, error: err.data, fatal: true };
    return { ok: false, error: toErrorData(err, block.name), fatal: false };
  }
}

/** The outcome of a finished attempt series, the JSON check included. */
function outcomeOf(ctx: RunContext, block: Block, r: Attempt<BlockResult>, entry: TraceEntry): BlockOutcome {
  if (!r.ok) return r;
  const data = r.value.data === undefined ? null : r.value.data;
  const metadata = r.value.metadata ?? null;
  let size: number;
  try {
    const { preview } = checkOutput(data, block.name, ctx.limits.maxOutputBytes, r.value.trusted ?? false);
    size = preview.size;
    entry.output = budgetedPreview(ctx, preview);
    if (metadata) checkOutput(metadata, block.name, ctx.limits.maxOutputBytes, false);
  } catch (err) {
    return { ok: false, error: toErrorData(err, block.name), fatal: false };
  }
  return { ok: true, data, port: r.value.port ?? "next", returned: r.value.returned ?? false, metadata, size };
}

/**
 * Counts a block's data against the run's data budget while its scope holds it; past it, the
 * block fails. A block that finishes after its region ended (abandoned) is not counted: its
 * scope may already be released, and nothing reads it.
 */
function held(ctx: RunContext, block: Block, scope: Scope, outcome: BlockOutcome, signal: AbortSignal): BlockOutcome {
  if (!outcome.ok || signal.aborted) return outcome;
  try {
    ctx.budget.data.hold(scope, outcome.size ?? 0, block.name);
    return outcome;
  } catch (err) {
    return { ok: false, error: toErrorData(err, block.name), fatal: false };
  }
}

/**
 * Executes one block: counts it against the run's limit, traces it, retries it per its policy,
 * checks its data is JSON within the size limit and publishes `name: { data, error, metadata }` in scope.
 */
export async function executeBlock(ctx: RunContext, block: Block, scope: Scope, signal: AbortSignal, iteration?: number): Promise<BlockOutcome> {
  if (signal.aborted) {
    // The region or the run is over (a return, a failure, a timeout): start nothing new.
    return { ok: false, error: new EngineError("RUN_CANCELLED", "The run ended before this block started", { block: block.name }).toData(), fatal: true };
  }
  const entry = ctx.trace.begin(block, iteration);
  if (++ctx.executions.count > ctx.limits.maxBlockExecutions) {
    const message = `The run executed more than ${ctx.limits.maxBlockExecutions} blocks`;
    const error = new EngineError("BLOCK_LIMIT", message, { block: block.name }).toData();
    ctx.trace.end(entry, { status: "error", error });
    return { ok: false, error, fatal: true };
  }
  const base = { run: ctx, block, scope, iteration, log: logSink(ctx, entry, ctx.clock.now()) };
  const r = await withRetries(block.retry, ctx.clock, signal, (n) => {
    entry.attempts = n;
    return attempt(base, signal);
  });
  const outcome = held(ctx, block, scope, outcomeOf(ctx, block, r, entry), signal);
  scope[block.name] = outcome.ok
    ? { data: outcome.data, error: null, metadata: outcome.metadata }
    : { data: null, error: outcome.error, metadata: null };
  ctx.trace.end(entry, outcome.ok ? { status: "ok", port: outcome.port } : { status: "error", error: outcome.error });
  return outcome;
}
