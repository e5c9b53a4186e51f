import type { GraphProblemCode } from "../errors/catalogue";
import type { Block } from "../model";

/** One thing wrong with a graph, pinned by the editor on the block or edge it names. */
export interface Problem {
  /** One of the catalogue's graph codes (engine/errors/catalogue.ts). */
  code: GraphProblemCode;
  message: string;
  blockId?: string;
  blockName?: string;
  edgeId?: string;
}

/** A problem pinned on a block (and optionally one of its edges). */
export function blockProblem(code: GraphProblemCode, message: string, block: Pick<Block, "id" | "name">, edgeId?: string): Problem {
  const p: Problem = { code, message, blockId: block.id, blockName: block.name };
  if (edgeId !== undefined) p.edgeId = edgeId;
  return p;
}
