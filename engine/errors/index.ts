export * from "./codes";
