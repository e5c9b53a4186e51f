import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BLOCK_DESCRIPTORS } from "@/engine/blocks";
import { Block, type BlockType } from "@/engine/model";
import { BlockInspector } from "./block-inspector";

// Server-rendered markup (node, no DOM) of the inspector's first paint, one per block type.

function inspect(type: BlockType): string {
  const d = BLOCK_DESCRIPTORS[type];
  const block = Block.parse({ id: "b1", name: `${d.nameStem}1`, type, config: d.defaultConfig({}) });
  return renderToStaticMarkup(
    <BlockInspector block={block} resources={[]} functions={[]} names={[]} onChange={() => undefined} onRename={() => null} />,
  );
}

describe("BlockInspector", () => {
  it.each(Block.options.map((o) => o.shape.type.value))("renders a %s block with its descriptor's label", (type) => {
    const html = inspect(type);
    expect(html).toContain(`data-inspected-block="${BLOCK_DESCRIPTORS[type].nameStem}1"`);
    expect(html).toContain(`>${BLOCK_DESCRIPTORS[type].label}</div>`);
  });

  it("offers timeout and retries on every block but the entries", () => {
    expect(inspect("code")).toContain("Timeout and retries");
    expect(inspect("start")).not.toContain("Timeout and retries");
    expect(inspect("errorHandler")).not.toContain("Timeout and retries");
  });

  it("shows each type's own form", () => {
    expect(inspect("loop")).toContain("Loop over");
    expect(inspect("branch")).toContain("+ Add case");
    expect(inspect("return")).toContain("Return value");
    expect(inspect("callFunction")).toContain("Choose a function…");
    expect(inspect("start")).toContain("The run starts here");
  });
});
