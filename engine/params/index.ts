export { paramsSchema, type ParamValues } from "./params-schema";
export { paramTypeSchema } from "./param-type-schema";
export { validateInput, type InputIssue, type InputValidation } from "./validate-input";
export { validateDefault } from "./validate-default";
