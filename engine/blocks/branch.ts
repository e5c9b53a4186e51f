import { ERROR_PORT, type BlockDescriptor } from "./descriptor";

/** Takes the port of its first true case, else `else`; its data is the port taken. */
export const branch: BlockDescriptor<"branch"> = {
  type: "branch",
  label: "Branch",
  tag: () => "branch",
  nameStem: "branch",
  bareFirstName: false,
  entry: false,
  producesResult: false,
  ports: (b) => [...b.config.cases.map((c) => ({ id: c.id, label: c.label || c.id })), { id: "else", label: "else" }, ERROR_PORT],
  defaultConfig: () => ({ cases: [{ id: "case1", label: "", condition: "{{ true }}" }] }),
  palette: [{ label: "Branch" }],
  summary: (b) => b.config.cases.map((c) => c.label || c.condition).join(" · "),
};
