export * from "./schema";
export * from "./runtime-payload";
