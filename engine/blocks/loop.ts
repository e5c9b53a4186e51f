import { ERROR_PORT, type BlockDescriptor } from "./descriptor";

/** Runs its body (the blocks inside it) once per item; its data is the array of their results. */
export const loop: BlockDescriptor<"loop"> = {
  type: "loop",
  label: "Loop",
  tag: () => "loop",
  nameStem: "loop",
  bareFirstName: false,
  entry: false,
  producesResult: true,
  ports: () => [{ id: "body", label: "body" }, { id: "next", label: "done" }, ERROR_PORT],
  defaultConfig: () => ({ source: "{{ [] }}" }),
  palette: [{ label: "Loop" }],
  summary: (b) => `over ${b.config.source}`,
};
