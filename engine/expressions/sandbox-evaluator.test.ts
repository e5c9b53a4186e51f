import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJsSandbox, type JsSandbox } from "../sandbox/js";
import type { CodeSandbox, LogEntry } from "../sandbox/types";
import { resolveTemplates, sandboxEvaluator, templateToExpression } from ".";

const limits = { timeoutMs: 1000, memoryBytes: 32 << 20, maxLogBytes: 10_000, maxOutputBytes: 100_000 };
let sandbox: JsSandbox;
beforeAll(() => {
  sandbox = createJsSandbox();
});
afterAll(() => sandbox.close());

describe("sandboxEvaluator", () => {
  it("evaluates a whole config in the sandbox in one call", async () => {
    let calls = 0;
    const counting: CodeSandbox = { run: (req, signal) => (calls++, sandbox.run(req, signal)) };
    const logs: LogEntry[] = [];
    const evaluate = sandboxEvaluator({ sandbox: counting, scope: { user: { name: "Ada", tags: ["x"] } }, limits, logs });
    const out = await resolveTemplates({ a: "{{ user.name }}", b: "tags: {{ user.tags }}", c: ['{{ "}}" }}', "{{ console.log('hi'), 1 }}"] }, evaluate, { mode: "value" });
    expect(out).toEqual({ a: "Ada", b: 'tags: ["x"]', c: ["}}", 1] });
    expect(calls).toBe(1);
    expect(logs.map((l) => l.message)).toEqual(["hi"]);
  });

  it("throws the sandbox's error, naming the block", async () => {
    const evaluate = sandboxEvaluator({ sandbox, scope: {}, limits, block: "q1" });
    await expect(evaluate(["missing.x"])).rejects.toMatchObject({ code: "EXPRESSION_FAILED", block: "q1" });
  });

  it("runs the expression templateToExpression builds for mixed text", async () => {
    const evaluate = sandboxEvaluator({ sandbox, scope: { n: 2, o: { a: 1 }, z: null }, limits });
    expect(await evaluate([templateToExpression("n={{ n }} o={{ o }} z={{ z }}")])).toEqual(['n=2 o={"a":1} z=']);
  });
});
