import { runFunction } from "../engine/interpreter";
import { FunctionDefinition } from "../engine/model";
import type { CodeSandbox } from "../engine/sandbox/types";
import { createJsSandbox } from "../engine/sandbox/js";
import { ms, table } from "./lib/format";

/**
 * The interpreter's cost per block, in process: a chain of 20 JavaScript blocks against a
 * chain of 1, (t20 - t1) / 19. Measured twice: with the real QuickJS pool (what a user pays),
 * and with a sandbox that answers at once in this process (the interpreter's own share:
 * scheduling, scope, trace, JSON checks). Issue 3's target: under 0.1 ms per extra block.
 */
function chain(n: number): FunctionDefinition {
  const blocks: unknown[] = [{ id: "start", name: "start", type: "start", config: {} }];
  const edges: unknown[] = [];
  let prev = "start";
  for (let i = 1; i <= n; i++) {
    const id = `b${i}`;
    const source = i === 1 ? "return 1;" : `return b${i - 1}.data + 1;`;
    blocks.push({ id, name: id, type: "code", config: { language: "javascript", source } });
    edges.push({ id: `e${i}`, source: prev, target: id, port: "next" });
    prev = id;
  }
  return FunctionDefinition.parse({ schemaVersion: 1, graph: { blocks, edges } });
}

const instant: CodeSandbox = {
  async run() {
    return { ok: true, value: 1, logs: [], logsTruncated: false };
  },
};

async function meanMs(def: FunctionDefinition, js: CodeSandbox, runs: number): Promise<number> {
  for (let i = 0; i < 50; i++) await runFunction(def, {}, { js });
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) {
    const out = await runFunction(def, {}, { js });
    if (out.status !== "ok") throw new Error(`bench run failed: ${JSON.stringify(out.error)}`);
  }
  return (performance.now() - t0) / runs;
}

export async function engineOverheadBench() {
  const one = chain(1);
  const twenty = chain(20);
  const real = createJsSandbox();
  try {
    const r1 = await meanMs(one, real, 400);
    const r20 = await meanMs(twenty, real, 100);
    const i1 = await meanMs(one, instant, 4000);
    const i20 = await meanMs(twenty, instant, 1000);
    console.log("\nEngine overhead per block, in process (mean of sequential runs):\n");
    console.log(
      table([
        ["", "1-block run", "20-block run", "per extra block", "target"],
        ["interpreter only (sandbox answers at once)", ms(i1), ms(i20), ms((i20 - i1) / 19), "< 0.1 ms"],
        ["with the QuickJS worker pool", ms(r1), ms(r20), ms((r20 - r1) / 19), ""],
      ]),
    );
    return { interpreter: { one: i1, twenty: i20, perBlock: (i20 - i1) / 19 }, quickjs: { one: r1, twenty: r20, perBlock: (r20 - r1) / 19 } };
  } finally {
    await real.close();
  }
}
