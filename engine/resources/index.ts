export * from "./kinds";
export * from "./secret-headers";
export * from "./separate-secret-headers";
export * from "./target";
