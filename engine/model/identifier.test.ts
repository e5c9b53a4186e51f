import { describe, expect, it } from "vitest";
import { PageComponent } from "../pages/schema";
import { FunctionDefinition } from "./function-definition";
import { Identifier, RESERVED_NAMES } from "./identifier";

describe("reserved names", () => {
  it("refuses currentUser, which every run and page has in scope", () => {
    expect(RESERVED_NAMES.has("currentUser")).toBe(true);
    const r = Identifier.safeParse("currentUser");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe("This name is reserved");
    expect(Identifier.safeParse("currentUsers").success).toBe(true);
  });

  it("refuses a block or a parameter named currentUser", () => {
    const def = (blockName: string, paramName: string) => ({
      schemaVersion: 1,
      params: [{ name: paramName, type: "string" }],
      graph: { blocks: [{ id: "s", name: "start", type: "start" }, { id: "b", name: blockName, type: "code", config: { language: "javascript", source: "" } }], edges: [] },
    });
    expect(FunctionDefinition.safeParse(def("check", "who")).success).toBe(true);
    expect(FunctionDefinition.safeParse(def("currentUser", "who")).error?.issues[0]).toMatchObject({ message: "This name is reserved", path: ["graph", "blocks", 1, "name"] });
    expect(FunctionDefinition.safeParse(def("check", "currentUser")).error?.issues[0]).toMatchObject({ message: "This name is reserved", path: ["params", 0, "name"] });
  });

  it("refuses a page component named currentUser", () => {
    const component = (name: string) => ({ id: "c1", name, type: "text", layout: { x: 0, y: 0, w: 4, h: 2 } });
    expect(PageComponent.safeParse(component("text1")).success).toBe(true);
    expect(PageComponent.safeParse(component("currentUser")).error?.issues[0]).toMatchObject({ message: "This name is reserved", path: ["name"] });
  });
});
