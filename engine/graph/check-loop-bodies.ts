import { isEntry } from "../blocks";
import type { Block, Edge, Graph } from "../model";
import { indexEdges } from "./index-edges";
import { blockProblem, type Problem } from "./problem";

function checkParents(graph: Graph, byId: Map<string, Block>): Problem[] {
  const problems: Problem[] = [];
  for (const b of graph.blocks) {
    if (b.parentId === undefined) continue;
    const parent = byId.get(b.parentId);
    if (!parent || parent.type !== "loop") {
      problems.push(blockProblem("BAD_PARENT", `"${b.name}" sits in "${b.parentId}", which is not a loop block`, b));
    } else if (isEntry(b.type)) {
      problems.push(blockProblem("BAD_PARENT", `A ${b.type} block cannot sit inside a loop`, b));
    } else if (b.id === parent.id) {
      problems.push(blockProblem("BAD_PARENT", "A loop cannot sit inside itself", b));
    }
  }
  return problems;
}

function checkBodyEdges(loop: Block, bodyEdges: Edge[], byId: Map<string, Block>): Problem[] {
  if (bodyEdges.length === 0) return [blockProblem("LOOP_WITHOUT_BODY", `Loop "${loop.name}" has no body: connect its body port`, loop)];
  const problems: Problem[] = [];
  if (bodyEdges.length > 1) {
    problems.push(blockProblem("LOOP_MULTIPLE_BODY_EDGES", `Loop "${loop.name}" has more than one body edge`, loop, bodyEdges[1].id));
  }
  for (const e of bodyEdges) {
    const target = byId.get(e.target);
    if (target && target.parentId !== loop.id) {
      problems.push(blockProblem("LOOP_BODY_OUTSIDE", `The body edge of "${loop.name}" must lead to a block inside the loop`, loop, e.id));
    }
  }
  return problems;
}

function checkCrossing(e: Edge, byId: Map<string, Block>): Problem | null {
  const source = byId.get(e.source);
  const target = byId.get(e.target);
  if (!source || !target || e.port === "body" || source.parentId === target.parentId) return null;
  if (source.parentId !== undefined) {
    return blockProblem("LOOP_BODY_ESCAPES", `"${source.name}" is inside a loop body and cannot lead to "${target.name}" outside it`, source, e.id);
  }
  return blockProblem("EDGE_INTO_LOOP_BODY", `"${target.name}" is inside a loop body: only the loop's body port leads into it`, target, e.id);
}

/**
 * Loop bodies are closed sub-graphs: blocks whose `parentId` is a loop form its body, the
 * loop's single `body` edge leads into it, and no other edge crosses the body's border.
 */
export function checkLoopBodies(graph: Graph): Problem[] {
  const byId = new Map(graph.blocks.map((b) => [b.id, b]));
  const problems = checkParents(graph, byId);
  const { bySource } = indexEdges(graph.edges);
  for (const loop of graph.blocks) {
    if (loop.type !== "loop") continue;
    problems.push(...checkBodyEdges(loop, (bySource.get(loop.id) ?? []).filter((e) => e.port === "body"), byId));
  }
  for (const e of graph.edges) {
    const p = checkCrossing(e, byId);
    if (p) problems.push(p);
  }
  return problems;
}
