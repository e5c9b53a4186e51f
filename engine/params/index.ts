export { paramsSchema, type ParamValues } from "./params-schema";
export { paramTypeSchema } from "./param-type-schema";
export { validateInput, type InputIssue, type InputValidation } from "./validate-input";
export { validateDefault } from "./validate-default";
export { ARGUMENTS_TOO_DEEP_MESSAGE, MAX_ARGUMENT_DEPTH, argumentsDeeperThan } from "./argument-depth";
