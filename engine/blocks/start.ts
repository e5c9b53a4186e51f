import type { BlockDescriptor } from "./descriptor";
import { NEXT_PORT } from "./descriptor";

/** The run starts here; its data is the validated input. */
export const start: BlockDescriptor<"start"> = {
  type: "start",
  label: "Start",
  tag: () => "start",
  nameStem: "start",
  bareFirstName: true,
  entry: true,
  producesResult: false,
  ports: () => [NEXT_PORT],
  defaultConfig: () => ({}),
  palette: [],
  summary: () => "",
};
