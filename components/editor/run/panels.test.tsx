import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { defaultDefinition, type ParamDef } from "@/engine/model";
import { HistoryPanel } from "./history-panel";
import { TestPanel } from "./test-panel";

// Server-rendered markup (node, no DOM) of the panels' first paint.

const noop = () => undefined;

describe("TestPanel", () => {
  it("has a Test button with its shortcut, and the test input on when a required parameter has no default", () => {
    const params: ParamDef[] = [
      { name: "id", type: "number", required: true, description: "" },
      { name: "limit", type: "number", required: false, default: 10, description: "" },
    ];
    const html = renderToStaticMarkup(
      <TestPanel fnId="f1" getDefinition={defaultDefinition} params={params} selectedBlockId={null} onSelectBlock={noop} />,
    );
    expect(html).toContain('data-testid="test-panel"');
    expect(html).toContain('aria-keyshortcuts="Control+Enter"');
    expect(html).toMatch(/role="switch" checked=""/);
    expect(html).toContain("&quot;id&quot;: 0");
    expect(html).toContain("&quot;limit&quot;: 10");
  });

  it("leaves the test input off when every parameter can default", () => {
    const params: ParamDef[] = [{ name: "limit", type: "number", required: true, default: 10, description: "" }];
    const html = renderToStaticMarkup(
      <TestPanel fnId="f1" getDefinition={defaultDefinition} params={params} selectedBlockId={null} onSelectBlock={noop} />,
    );
    expect(html).not.toContain("<textarea");
    expect(html).not.toMatch(/role="switch" checked=""/);
  });
});

describe("HistoryPanel", () => {
  it("renders its filters", () => {
    const html = renderToStaticMarkup(<HistoryPanel fnId="f1" refreshKey={0} />);
    expect(html).toContain('data-testid="history-panel"');
    expect(html).toContain('aria-label="Filter by status"');
    expect(html).toContain('aria-label="Filter by source"');
  });

  it("renders the filter by person, everyone chosen", () => {
    const html = renderToStaticMarkup(<HistoryPanel fnId="f1" refreshKey={0} />);
    expect(html).toMatch(/aria-label="Filter by person"[^>]*><option value="" selected="">Everyone<\/option>/);
  });
});
