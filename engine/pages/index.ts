export * from "./schema";
export * from "./runtime-payload";
export * from "./migrate";
