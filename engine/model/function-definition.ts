import { z } from "zod";
import { FunctionEvents } from "./action";
import { Block, Edge } from "./block";
import { ParamDef } from "./param";

export const CURRENT_SCHEMA_VERSION = 1;

/**
 * Every limit is configurable per function and enforced by the engine. The maxima of the
 * limits that hold memory are chosen so that many worst-case runs at once fit in the server's
 * memory: "Memory per run" in engine/README.md gives the arithmetic. A stored
 * definition set above a maximum (saved before it was lowered) is clamped to it when read
 * (`clampLimits`); a save above it is refused.
 */
export const Limits = z.object({
  /** Memory cap of one code block's sandbox. */
  memoryBytes: z.number().int().min(1 << 20).max(256 << 20).default(64 << 20),
  /** Wall time of one code block attempt unless the block sets `timeoutMs`. */
  blockTimeoutMs: z.number().int().min(1).max(600_000).default(5_000),
  /** Size of the JSON result of one block and of the run. */
  maxOutputBytes: z.number().int().min(1024).max(16 << 20).default(8 << 20),
  /** Bytes of captured console output for the whole run (every block, loop iteration and called function). */
  maxLogBytes: z.number().int().min(1024).max(1 << 20).default(256 << 10),
  /** Total block executions in one run, loop iterations included. */
  maxBlockExecutions: z.number().int().min(1).max(1_000_000).default(10_000),
});
export type Limits = z.infer<typeof Limits>;

export const RunBehavior = z.enum(["manual", "automatic"]);
export type RunBehavior = z.infer<typeof RunBehavior>;

export const Graph = z.object({
  blocks: z.array(Block).max(2000),
  edges: z.array(Edge).max(10_000),
});
export type Graph = z.infer<typeof Graph>;

/** The stored JSON of a function. Its name and scope live beside it, not in it. */
export const FunctionDefinition = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  params: z.array(ParamDef).max(100).default([]),
  graph: Graph,
  /** automatic: runs on page load and again when an input it reads changes. */
  runBehavior: RunBehavior.default("manual"),
  /** For manual functions: run once when the page loads. */
  runOnPageLoad: z.boolean().default(false),
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  limits: Limits.default(() => Limits.parse({})),
  /** What pages do after a run of this function succeeds or fails (in addition to the caller's own handlers). */
  events: FunctionEvents.default({ onSuccess: [], onFailure: [] }),
});
export type FunctionDefinition = z.infer<typeof FunctionDefinition>;
/** What callers may write: defaults not yet applied. */
export type FunctionDefinitionInput = z.input<typeof FunctionDefinition>;

/** A new function: one start block and one JavaScript block, edited full-width. */
export function defaultDefinition(): FunctionDefinition {
  return FunctionDefinition.parse({
    schemaVersion: CURRENT_SCHEMA_VERSION,
    params: [],
    graph: {
      blocks: [
        { id: "start", name: "start", type: "start", position: { x: 0, y: 0 }, config: {} },
        {
          id: "code1",
          name: "code1",
          type: "code",
          position: { x: 0, y: 120 },
          config: {
            language: "javascript",
            source: "// Parameters are in scope by name. `return` gives this block's data.\nreturn { ok: true };\n",
          },
        },
      ],
      edges: [{ id: "e-start-code1", source: "start", target: "code1", port: "next" }],
    },
  });
}
