export { runFunction } from "./run-function";
export { realClock } from "./real-clock";
export { MAX_CALL_DEPTH } from "./blocks/run-call-function";
export { PREVIEW_CHARS } from "./check-output";
export { jsonDeeperThan } from "./output-depth";
export type { RunOutcome, RunOptions, TraceEntry, TraceStatus, RunLog, OutputPreview } from "./types";
