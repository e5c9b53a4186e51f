import { ERROR_PORT, NEXT_PORT, UNSET_FUNCTION_ID, type BlockDescriptor } from "./descriptor";

/** Runs another function of the app with templated arguments; its data is that run's result. */
export const callFunction: BlockDescriptor<"callFunction"> = {
  type: "callFunction",
  label: "Call function",
  tag: () => "call",
  nameStem: "call",
  bareFirstName: false,
  entry: false,
  producesResult: true,
  ports: () => [NEXT_PORT, ERROR_PORT],
  defaultConfig: () => ({ functionId: UNSET_FUNCTION_ID, args: {} }),
  palette: [{ label: "Call function" }],
  summary: () => "calls another function",
};
