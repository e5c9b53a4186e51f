export * from "./identifier";
export * from "./param";
export * from "./block";
export * from "./function-definition";
export * from "./migrate";
export * from "./clamp-limits";
export * from "./versioned-document";
export * from "./action";
