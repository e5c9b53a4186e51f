import type { BlockDescriptor } from "./descriptor";

/** Ends its region (the run, or one loop iteration) with its value. */
export const returnBlock: BlockDescriptor<"return"> = {
  type: "return",
  label: "Return",
  tag: () => "return",
  nameStem: "return",
  bareFirstName: false,
  entry: false,
  producesResult: true,
  ports: () => [],
  defaultConfig: () => ({ value: "{{ null }}" }),
  palette: [{ label: "Return" }],
  summary: (b) => b.config.value,
};
