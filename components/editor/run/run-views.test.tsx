import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { RunOutcome, TraceEntry } from "@/engine/interpreter/types";
import { JsonTree } from "@/components/shared/json-tree";
import { RunDetails } from "./run-details";
import { Timeline } from "./timeline";

// Server-rendered markup (node, no DOM): what the views put on the page before any click.

const trace: TraceEntry[] = [
  { blockId: "s", blockName: "start", type: "start", status: "ok", startedAt: 0, durationMs: 0, attempts: 1, logs: [] },
  {
    blockId: "q",
    blockName: "load",
    type: "query",
    status: "ok",
    startedAt: 1,
    durationMs: 40,
    attempts: 3,
    port: "next",
    output: { json: '{"rows":[1,2]}', size: 14, truncated: false },
    logs: [{ level: "info", message: "loaded 2", t: 3 }],
  },
  { blockId: "b", blockName: "body", type: "code", status: "ok", startedAt: 42, durationMs: 2, attempts: 1, iteration: 0, logs: [] },
  { blockId: "x", blockName: "never", type: "code", status: "skipped", startedAt: 44, durationMs: 0, attempts: 0, logs: [] },
  { blockId: "c", blockName: "slow", type: "code", status: "skipped", cancelled: true, startedAt: 44, durationMs: 5, attempts: 1, logs: [] },
];

const ok: RunOutcome = {
  status: "ok",
  result: { total: 2, names: ["a", "b"] },
  trace,
  logs: [{ block: "load", level: "info", message: "loaded 2", t: 4 }],
  durationMs: 50,
};

const failed: RunOutcome = {
  status: "error",
  error: { code: "RESOURCE_FAILED", message: "Connection refused", status: 502, block: "load", data: { host: "db" } },
  trace,
  logs: [],
  durationMs: 50,
};

const noop = () => undefined;

describe("JsonTree", () => {
  it("renders expanded levels with aria-expanded and leaves collapsed children out", () => {
    const html = renderToStaticMarkup(<JsonTree value={{ a: { deep: { deeper: 1 } }, s: "hi" }} initiallyExpanded={1} />);
    expect(html).toContain('data-testid="json-tree"');
    expect(html).toContain('aria-expanded="true"');
    expect(html).toContain('aria-expanded="false"');
    expect(html).toContain("&quot;hi&quot;");
    expect(html).not.toContain("deeper");
  });

  it("renders at most a page of a long array, with a show-more button", () => {
    const html = renderToStaticMarkup(<JsonTree value={Array.from({ length: 1000 }, (_, i) => `item-${i}`)} />);
    expect(html).toContain("item-99");
    expect(html).not.toContain("item-100");
    expect(html).toContain("900 not shown");
  });
});

describe("Timeline", () => {
  it("has a row per entry with name, status, attempts and iteration", () => {
    const html = renderToStaticMarkup(<Timeline trace={trace} totalMs={50} selectedBlockId="q" />);
    expect(html.match(/data-block-name=/g)).toHaveLength(5);
    expect(html).toContain('data-block-name="load" data-block-id="q" data-status="ok"');
    expect(html).toContain('data-status="skipped" data-cancelled="true"');
    expect(html).toContain("×3");
    expect(html).toContain("#0");
    expect(html).toContain('aria-pressed="true"');
    expect(html).toContain("left:2%;width:80%");
  });

  it("says when nothing ran", () => {
    expect(renderToStaticMarkup(<Timeline trace={[]} totalMs={0} />)).toContain("No blocks ran");
  });
});

describe("RunDetails", () => {
  it("shows the result of a successful run", () => {
    const html = renderToStaticMarkup(<RunDetails outcome={ok} selectedBlockId={null} onSelectBlock={noop} />);
    expect(html).toContain('data-testid="run-result"');
    expect(html).toContain("&quot;a&quot;");
    expect(html).not.toContain("run-error");
    expect(html).toContain("Logs (1)");
  });

  it("shows the error's code, message, block and data", () => {
    const html = renderToStaticMarkup(<RunDetails outcome={failed} selectedBlockId={null} onSelectBlock={noop} />);
    const error = html.slice(html.indexOf('data-testid="run-error"'));
    expect(error).toContain("RESOURCE_FAILED");
    expect(error).toContain("Connection refused");
    expect(error).toContain("HTTP 502");
    expect(error).toContain(">load<");
    expect(error).toContain("host");
  });

  it("shows the selected block's output, attempts, port and logs", () => {
    const html = renderToStaticMarkup(<RunDetails outcome={ok} selectedBlockId="q" onSelectBlock={noop} />);
    const block = html.slice(html.indexOf('data-testid="block-output"'));
    expect(block).toContain("rows");
    expect(block).toContain("next");
    expect(block).toContain("loaded 2");
    expect(block).toMatch(/Attempts <\/dt><dd[^>]*>3</);
  });

  it("shows a truncated preview as text with a note", () => {
    const big: TraceEntry = { ...trace[1], output: { json: '{"rows":[1,2', size: 90_000, truncated: true } };
    const html = renderToStaticMarkup(<RunDetails outcome={{ ...ok, trace: [big] }} selectedBlockId="q" onSelectBlock={noop} />);
    expect(html).toContain("Truncated");
    expect(html).toContain("{&quot;rows&quot;:[1,2</pre>");
  });

  it("offers an Input tab for stored runs and shows notes", () => {
    const html = renderToStaticMarkup(<RunDetails outcome={ok} input={{ id: 1 }} notes={["The trace was too large to store."]} selectedBlockId={null} onSelectBlock={noop} />);
    expect(html).toContain(">Input<");
    expect(html).toContain("too large to store");
  });
});
