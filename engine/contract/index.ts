export * from "./envelope";
export * from "./parse-call-request";
export * from "./client";
