import { describe, expect, it } from "vitest";
import { Block } from "../../model";
import { executorOf } from "./executors";

describe("block executors", () => {
  it("has one for every block type of the schema", () => {
    for (const option of Block.options) {
      const type = option.shape.type.value;
      expect(typeof executorOf(type).run, type).toBe("function");
    }
  });

  it("lets only code blocks time themselves", () => {
    const own = Block.options.map((o) => o.shape.type.value).filter((t) => executorOf(t).ownTimeout);
    expect(own).toEqual(["code"]);
  });
});
