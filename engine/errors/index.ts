export * from "./catalogue";
export * from "./codes";
