/**
 * The engine's public API: the function model, graph validation, parameters, templates and the
 * interpreter. Sandboxes and resources plug in through `EnginePorts`.
 */
export * from "./model";
export * from "./errors";
export type * from "./ports";
export type * from "./sandbox/types";
export { paramsSchema, paramTypeSchema, validateInput, validateDefault, type ParamValues, type InputIssue, type InputValidation } from "./params";
export { validateDefinition, compileGraph, topologicalOrder, portsOf, type Problem, type ValidateOptions, type CompiledGraph, type Region } from "./graph";
export { parseTemplate, isSingleExpression, stringifyValue, templateToExpression, resolveTemplates, renderTemplates, sandboxEvaluator, type TemplateSegment, type Evaluate } from "./expressions";
export { runFunction, realClock, MAX_CALL_DEPTH, type RunOutcome, type RunOptions, type TraceEntry, type TraceStatus, type RunLog, type OutputPreview } from "./interpreter";
