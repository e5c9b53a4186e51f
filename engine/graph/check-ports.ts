import { isEntry } from "../blocks";
import type { Block, Graph } from "../model";
import { portsOf } from "./ports-of";
import { blockProblem, type Problem } from "./problem";

/**
 * Edges leave through ports that exist on their source's type, no two edges repeat the same
 * source, port and target, and nothing leads into an entry (start, error handler: run by the
 * engine, their descriptors say so).
 */
export function checkPorts(graph: Graph): Problem[] {
  const byId = new Map<string, Block>(graph.blocks.map((b) => [b.id, b]));
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const e of graph.edges) {
    const source = byId.get(e.source);
    const target = byId.get(e.target);
    if (source && !portsOf(source).includes(e.port)) {
      const ports = portsOf(source);
      const allowed = ports.length ? `it has ${ports.join(", ")}` : "it has no outgoing ports";
      problems.push(blockProblem("UNKNOWN_PORT", `A ${source.type} block has no "${e.port}" port (${allowed})`, source, e.id));
    }
    if (target && isEntry(target.type)) {
      problems.push(blockProblem("EDGE_INTO_ENTRY", `Nothing may lead into the ${target.type} block`, target, e.id));
    }
    const key = `${e.source}\u0000${e.port}\u0000${e.target}`;
    if (seen.has(key)) problems.push({ code: "DUPLICATE_EDGE", message: "Two edges join the same blocks through the same port", edgeId: e.id });
    seen.add(key);
  }
  return problems;
}
