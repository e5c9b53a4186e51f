/**
 * The call of issue 13's figures: `{ a, b, items[10] }` -> `{ sum, count, doubled }`, as Lathe
 * functions (one JavaScript block, a chain of JavaScript blocks, one Python block) and as the
 * request bodies the load generator sends. bare-server.mjs computes the same answer natively.
 */
const JS = "return { sum: a + b + items.reduce((s, x) => s + x, 0), count: items.length, doubled: items.map((x) => x * 2) };";
const PY = 'return {"sum": a + b + sum(items), "count": len(items), "doubled": [x * 2 for x in items]}';

const PARAMS = [
  { name: "a", type: "number", required: true },
  { name: "b", type: "number", required: true },
  { name: "items", type: "array", required: true },
];

/** A chain of `n` code blocks, each computing the call (so every block does the same work). */
export function callDefinition(n: number, language: "javascript" | "python" = "javascript") {
  const blocks: unknown[] = [{ id: "start", name: "start", type: "start", config: {} }];
  const edges: unknown[] = [];
  let prev = "start";
  for (let i = 1; i <= n; i++) {
    const id = `c${i}`;
    blocks.push({ id, name: id, type: "code", config: { language, source: language === "javascript" ? JS : PY } });
    edges.push({ id: `e${i}`, source: prev, target: id, port: "next" });
    prev = id;
  }
  return { schemaVersion: 1, params: PARAMS, graph: { blocks, edges } };
}

/** `count` distinct bodies for `fnId` (wrk sends them in turn). */
export function callBodies(fnId: string, count = 64): string[] {
  return Array.from({ length: count }, (_, i) => JSON.stringify({ fnId, args: [{ a: i, b: 2, items: Array.from({ length: 10 }, (_, k) => k + i) }] }));
}
