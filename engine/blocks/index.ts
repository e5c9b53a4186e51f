export * from "./descriptor";
export * from "./descriptors";
