import { z } from "zod";
import { Identifier } from "./identifier";

/** Where a block sits on the canvas. The engine ignores it. */
export const Position = z.object({ x: z.number().finite(), y: z.number().finite() });
export type Position = z.infer<typeof Position>;

export const RetryPolicy = z.object({
  count: z.number().int().min(0).max(10).default(0),
  intervalMs: z.number().int().min(0).max(60_000).default(1000),
  backoff: z.enum(["fixed", "exponential"]).default("fixed"),
});
export type RetryPolicy = z.infer<typeof RetryPolicy>;

const KeyValue = z.object({ key: z.string().max(256), value: z.string().max(65_536) });

/** Template strings: any of them may hold `{{ expression }}`. */
const Template = z.string().max(1_000_000);

const base = {
  id: z.string().min(1).max(64),
  name: Identifier,
  position: Position.optional(),
  /** The loop block whose body this block belongs to (a React Flow sub-flow on the canvas). */
  parentId: z.string().min(1).max(64).optional(),
  /** Per-attempt timeout; the run's own timeout still applies. */
  timeoutMs: z.number().int().min(1).max(600_000).optional(),
  retry: RetryPolicy.optional(),
};

export const StartBlock = z.object({ ...base, type: z.literal("start"), config: z.object({}).default({}) });

export const RestBody = z.discriminatedUnion("type", [
  z.object({ type: z.literal("none") }),
  z.object({ type: z.literal("json"), value: Template }),
  z.object({ type: z.literal("form"), fields: z.array(KeyValue).max(200) }),
  z.object({ type: z.literal("raw"), value: Template, contentType: z.string().max(256).optional() }),
]);

export const QueryConfig = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("rest"),
    resourceId: z.string().min(1),
    method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]),
    path: Template,
    query: z.array(KeyValue).max(200).default([]),
    headers: z.array(KeyValue).max(200).default([]),
    body: RestBody.default({ type: "none" }),
    maxResponseBytes: z.number().int().min(1).max(100 * 1024 * 1024).optional(),
  }),
  z.object({
    kind: z.literal("sql"),
    resourceId: z.string().min(1),
    statement: Template,
    rowLimit: z.number().int().min(1).max(1_000_000).default(10_000),
    transaction: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal("smtp"),
    resourceId: z.string().min(1),
    to: Template,
    cc: Template.default(""),
    bcc: Template.default(""),
    subject: Template,
    text: Template.default(""),
    html: Template.default(""),
  }),
]);
export type QueryConfig = z.infer<typeof QueryConfig>;

export const QueryBlock = z.object({ ...base, type: z.literal("query"), config: QueryConfig });

export const CodeBlock = z.object({
  ...base,
  type: z.literal("code"),
  config: z.object({
    language: z.enum(["javascript", "python"]),
    /** The body of an async function (JS) or of a function (Python): `return` gives the data. */
    source: z.string().max(1_000_000),
  }),
});

export const BranchCase = z.object({
  /** The port id that edges leaving this case use. */
  id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
  label: z.string().max(200).default(""),
  /** An expression; the first truthy case is taken, else the `else` port. */
  condition: Template,
});
export type BranchCase = z.infer<typeof BranchCase>;

export const BranchBlock = z.object({
  ...base,
  type: z.literal("branch"),
  config: z.object({ cases: z.array(BranchCase).min(1).max(50) }),
});

export const LoopBlock = z.object({
  ...base,
  type: z.literal("loop"),
  config: z.object({
    /** An expression that yields the array to iterate over. */
    source: Template,
    /** Upper bound on iterations; the run's block-execution limit also applies. */
    maxIterations: z.number().int().min(1).max(100_000).default(1000),
  }),
});

export const ErrorHandlerBlock = z.object({
  ...base,
  type: z.literal("errorHandler"),
  config: z.object({}).default({}),
});

export const CallFunctionBlock = z.object({
  ...base,
  type: z.literal("callFunction"),
  config: z.object({
    functionId: z.string().min(1),
    /** Parameter name → template. */
    args: z.record(Identifier, Template).default({}),
  }),
});

export const ReturnBlock = z.object({
  ...base,
  type: z.literal("return"),
  config: z.object({ value: Template }),
});

export const Block = z.discriminatedUnion("type", [
  StartBlock,
  QueryBlock,
  CodeBlock,
  BranchBlock,
  LoopBlock,
  ErrorHandlerBlock,
  CallFunctionBlock,
  ReturnBlock,
]);
export type Block = z.infer<typeof Block>;
export type BlockType = Block["type"];
export type BlockOf<T extends BlockType> = Extract<Block, { type: T }>;

/** Edges carry control, not data. `port` is `next`, `error`, `body` (loops), `else` or a branch case id. */
export const Edge = z.object({
  id: z.string().min(1).max(64),
  source: z.string().min(1).max(64),
  target: z.string().min(1).max(64),
  port: z.string().min(1).max(64).default("next"),
});
export type Edge = z.infer<typeof Edge>;
