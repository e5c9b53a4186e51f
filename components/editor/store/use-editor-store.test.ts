import { defaultDefinition } from "@/engine/model";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { createEditorStore } from "./editor-store";
import { useEditorStore } from "./use-editor-store";

describe("useEditorStore", () => {
  it("renders the selected slice, and a selector building new arrays does not loop", () => {
    const store = createEditorStore({ definition: defaultDefinition() });
    store.dispatch({ type: "addBlock", blockType: "return", position: { x: 0, y: 0 } });
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    function Names() {
      const names = useEditorStore(store, (s) => s.draft.graph.blocks.map((b) => b.name));
      const dirty = useEditorStore(store, (s) => s.dirty);
      return createElement("p", null, `${names.join(",")} ${dirty ? "dirty" : "clean"}`);
    }
    const html = renderToString(createElement(Names));
    expect(html).toContain("start,code1,return1 dirty");
    expect(error).not.toHaveBeenCalled();
    error.mockRestore();
  });
});
