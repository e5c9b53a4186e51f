export { parseTemplate, type TemplateSegment } from "./parse-template";
export { singleExpression } from "./single-expression";
export { isSingleExpression } from "./is-single-expression";
export { stringifyValue } from "./stringify-value";
export { templateToExpression } from "./template-to-expression";
export { resolveTemplates, type Evaluate, type PathKey, type ResolveOptions } from "./resolve-templates";
export { renderTemplates } from "./render-templates";
export { sandboxEvaluator, type EvaluatorContext } from "./sandbox-evaluator";
