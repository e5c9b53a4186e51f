import { describe, expect, it } from "vitest";
import { ParamDef } from "../model";
import { checkParams } from "./check-params";

describe("checkParams", () => {
  it("reports defaults that do not fit their type", () => {
    const params = [
      ParamDef.parse({ name: "n", type: "number", default: "12" }),
      ParamDef.parse({ name: "d", type: "date", default: "soon" }),
      ParamDef.parse({ name: "b", type: "boolean", default: 3 }),
    ];
    expect(checkParams(params).map((p) => p.message.slice(0, 14))).toEqual(['Default of "d"', 'Default of "b"']);
  });
});
