import type { BlockOf } from "../model";
import { ERROR_PORT, NEXT_PORT, UNSET_RESOURCE_ID, type BlockDescriptor } from "./descriptor";

function summary({ config: c }: BlockOf<"query">): string {
  switch (c.kind) {
    case "rest":
      return `${c.method} ${c.path}`;
    case "sql":
      return c.statement.replace(/\s+/g, " ");
    case "smtp":
      return `mail to ${c.to}`;
  }
}

/** A request to a resource: REST, SQL or mail. */
export const query: BlockDescriptor<"query"> = {
  type: "query",
  label: "Resource query",
  tag: () => "query",
  nameStem: "query",
  bareFirstName: false,
  entry: false,
  producesResult: true,
  ports: () => [NEXT_PORT, ERROR_PORT],
  defaultConfig: () => ({ kind: "sql", resourceId: UNSET_RESOURCE_ID, statement: "" }),
  palette: [{ label: "Resource query" }],
  summary,
};
