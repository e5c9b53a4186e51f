/**
 * A ResourcePort for engine tests: resources talk to nothing, they read the SQL statement as
 * a tiny command, so fixtures can sleep (to prove concurrency and time limits), fail, recover on
 * the nth attempt, and return values JSON cannot carry. `{{ }}` in the statement go through
 * `ctx.evaluate`, the path real SQL resources take to bind parameters.
 *
 *   sleep <ms>       resolves { slept: ms } after ms (rejects when the signal aborts)
 *   fail <message>   throws RESOURCE_FAILED
 *   flaky <n>        fails until its n-th call for this block, then { attempt: n }
 *   echo <text>      resolves { text, values } with the statement's {{ }} evaluated
 *   nonjson          resolves a value holding a Map
 *   big <n>          resolves a string of n characters
 */
import { EngineError } from "../errors";
import { parseTemplate } from "../expressions";
import type { ResourcePort } from "../ports";

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new EngineError("RUN_CANCELLED", "aborted"));
    const timer = setTimeout(resolve, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new EngineError("RUN_CANCELLED", "aborted"));
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

export function createTestResources(): ResourcePort & { calls: string[] } {
  const counts = new Map<string, number>();
  const calls: string[] = [];
  return {
    calls,
    async execute(resourceId, config, ctx) {
      return { data: await command(resourceId, config, ctx), metadata: { resource: resourceId } };
    },
  };

  async function command(resourceId: string, config: Parameters<ResourcePort["execute"]>[1], ctx: Parameters<ResourcePort["execute"]>[2]): Promise<unknown> {
      calls.push(ctx.block);
      if (config.kind !== "sql") throw new EngineError("RESOURCE_FAILED", `test resource ${resourceId} speaks sql only`, { block: ctx.block });
      const segments = parseTemplate(config.statement);
      const exprs = segments.flatMap((s) => (s.kind === "expression" ? [s.source] : []));
      const values = exprs.length ? await ctx.evaluate(exprs) : [];
      let i = 0;
      const text = segments.map((s) => (s.kind === "text" ? s.text : String(values[i++]))).join("").trim();
      const [command, ...rest] = text.split(/\s+/);
      const arg = rest.join(" ");
      switch (command) {
        case "sleep":
          await sleep(Number(arg), ctx.signal);
          return { slept: Number(arg) };
        case "fail":
          throw new EngineError("RESOURCE_FAILED", arg || "failed", { block: ctx.block, data: { reason: arg } });
        case "flaky": {
          const n = (counts.get(ctx.block) ?? 0) + 1;
          counts.set(ctx.block, n);
          if (n < Number(arg)) throw new EngineError("RESOURCE_FAILED", `attempt ${n} failed`, { block: ctx.block });
          return { attempt: n };
        }
        case "echo":
          return { text: arg, values };
        case "nonjson":
          return { tags: new Map([["a", 1]]) };
        case "big":
          return "x".repeat(Number(arg));
        default:
          throw new EngineError("RESOURCE_FAILED", `unknown test command ${command}`, { block: ctx.block });
      }
  }
}
