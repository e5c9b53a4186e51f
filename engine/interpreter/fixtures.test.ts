import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { CurrentUser } from "../contract/current-user";
import { FunctionDefinition } from "../model";
import type { EnginePorts, FunctionLoader } from "../ports";
import { runFunction, type RunOutcome, type TraceEntry } from ".";
import { createTestResources } from "./test-resources";
import { createJsSandbox, type JsSandbox } from "../sandbox/js";
import { createPythonSandbox, type PythonSandboxHandle } from "../sandbox/python";

/** The shape of engine/fixtures/*.json (see engine/README.md). */
const Fixture = z.object({
  name: z.string(),
  description: z.string(),
  definition: FunctionDefinition,
  input: z.unknown(),
  functions: z.record(z.string(), z.object({ name: z.string(), definition: FunctionDefinition })).optional(),
  resources: z.literal(false).optional(),
  /** Opt-in: Pyodide processes cost ~200 MB and a restore each, so only fixtures that say so get a Python port. */
  python: z.boolean().optional(),
  cancelAfterMs: z.number().optional(),
  /** Who the run is for (`runFunction`'s `currentUser` option); absent means no one signed in. */
  currentUser: CurrentUser.optional(),
  expect: z.object({
    status: z.enum(["ok", "error"]),
    result: z.unknown().optional(),
    error: z
      .object({ code: z.string(), block: z.string().optional(), status: z.number().optional(), message: z.string().optional(), data: z.unknown().optional(), dataLength: z.number().optional() })
      .optional(),
    order: z.array(z.string()).optional(),
    statuses: z.record(z.string(), z.enum(["ok", "error", "skipped"])).optional(),
    concurrent: z.array(z.tuple([z.string(), z.string()])).optional(),
    attempts: z.record(z.string(), z.number()).optional(),
    logs: z.array(z.string()).optional(),
    minDurationMs: z.number().optional(),
    maxDurationMs: z.number().optional(),
  }),
});
type Fixture = z.infer<typeof Fixture>;

const dir = path.join(import.meta.dirname, "..", "fixtures");
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => Fixture.parse(JSON.parse(readFileSync(path.join(dir, f), "utf8"))));

function loader(fx: Fixture): FunctionLoader | undefined {
  const fns = fx.functions;
  if (!fns) return undefined;
  return { load: async (id) => (fns[id] ? { id, ...fns[id] } : null) };
}

function lastEntry(trace: TraceEntry[], name: string): TraceEntry | undefined {
  return trace.filter((t) => t.blockName === name).at(-1);
}

function checkTrace(fx: Fixture, out: RunOutcome): void {
  const e = fx.expect;
  if (e.order) expect(out.trace.filter((t) => t.status !== "skipped").map((t) => t.blockName)).toEqual(e.order);
  for (const [name, status] of Object.entries(e.statuses ?? {})) expect([name, lastEntry(out.trace, name)?.status ?? "skipped"]).toEqual([name, status]);
  for (const [name, n] of Object.entries(e.attempts ?? {})) expect(lastEntry(out.trace, name)?.attempts).toBe(n);
  for (const [a, b] of e.concurrent ?? []) {
    const x = lastEntry(out.trace, a);
    const y = lastEntry(out.trace, b);
    if (!x || !y) throw new Error(`no trace for ${a} or ${b}`);
    expect(x.startedAt < y.startedAt + y.durationMs && y.startedAt < x.startedAt + x.durationMs, `${a} and ${b} overlap`).toBe(true);
  }
  if (e.logs) expect(out.logs.map((l) => l.message)).toEqual(e.logs);
  if (e.minDurationMs !== undefined) expect(out.durationMs).toBeGreaterThanOrEqual(e.minDurationMs);
  if (e.maxDurationMs !== undefined) expect(out.durationMs).toBeLessThan(e.maxDurationMs);
}

function checkOutcome(fx: Fixture, out: RunOutcome): void {
  const e = fx.expect;
  expect({ status: out.status, error: out.error?.code }).toEqual({ status: e.status, error: e.error?.code });
  if ("result" in e) expect(out.result).toEqual(e.result);
  if (e.error) {
    const { dataLength, ...fields } = e.error;
    expect(out.error).toMatchObject(fields);
    if (dataLength !== undefined) expect(out.error?.data).toHaveLength(dataLength);
  }
  expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  checkTrace(fx, out);
}

describe("interpreter fixtures", () => {
  let js: JsSandbox;
  let python: PythonSandboxHandle | undefined;
  beforeAll(() => {
    js = createJsSandbox();
    if (fixtures.some((f) => f.python)) python = createPythonSandbox();
  });
  afterAll(async () => {
    await js.close();
    await python?.close();
  });

  it("has at least 32 scenarios", () => expect(fixtures.length).toBeGreaterThanOrEqual(32));

  it.each(fixtures.map((f) => [f.name, f] as const))("%s", async (_name, fx) => {
    const controller = new AbortController();
    const ports: EnginePorts = {
      js,
      python: fx.python ? python : undefined,
      resources: fx.resources === false ? undefined : createTestResources(),
      functions: loader(fx),
      signal: controller.signal,
    };
    const timer = fx.cancelAfterMs === undefined ? undefined : setTimeout(() => controller.abort(), fx.cancelAfterMs);
    try {
      checkOutcome(fx, await runFunction(fx.definition, fx.input, ports, { currentUser: fx.currentUser ?? null }));
    } finally {
      clearTimeout(timer);
    }
  });
});
