import { NEXT_PORT, type BlockDescriptor } from "./descriptor";

/** Runs when a block fails without an error edge of its own; its data is the error. */
export const errorHandler: BlockDescriptor<"errorHandler"> = {
  type: "errorHandler",
  label: "Error handler",
  tag: () => "error handler",
  nameStem: "errorHandler",
  bareFirstName: true,
  entry: true,
  producesResult: false,
  ports: () => [NEXT_PORT],
  defaultConfig: () => ({}),
  palette: [{ label: "Error handler" }],
  summary: () => "",
};
