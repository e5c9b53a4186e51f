import { EngineError, type EngineErrorData } from "../errors";

/** An EngineError carrying exactly `data` (re-thrown from a region or a nested run). */
export function errorFromData(data: EngineErrorData): EngineError {
  return new EngineError(data.code, data.message, { block: data.block, status: data.status, data: data.data, detail: data.detail });
}
