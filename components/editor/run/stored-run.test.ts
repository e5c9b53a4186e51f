import { describe, expect, it } from "vitest";
import { isStoredMarker, parseRunSummaries, runUrl, runsUrl, storedRunView, whereFrom, whoRan } from "./stored-run";

describe("runsUrl", () => {
  it("sends only the filters that are set", () => {
    expect(runsUrl("fn1", { status: "", source: "" })).toBe("/api/functions/fn1/runs?limit=50");
    expect(runsUrl("fn 1", { status: "error", source: "api" }, "run9", 20)).toBe(
      "/api/functions/fn%201/runs?status=error&source=api&limit=20&before=run9",
    );
    expect(runUrl("f", "r/1")).toBe("/api/functions/f/runs/r%2F1");
    expect(runsUrl("fn1", { status: "", source: "", user: "u 1" })).toBe("/api/functions/fn1/runs?user=u+1&limit=50");
  });
});

describe("who ran a run and from where", () => {
  it("shows the email or a dash, and the page with its trigger", () => {
    expect(whoRan("ann@x.test")).toBe("ann@x.test");
    expect(whoRan(null)).toBe("—");
    expect(whereFrom({ pageId: "p1", pageName: "orders", trigger: "button1.click" })).toBe("orders · button1.click");
    expect(whereFrom({ pageId: "p1", pageName: null, trigger: "page.load" })).toBe("p1 · page.load");
    expect(whereFrom({ pageId: null, pageName: null, trigger: null })).toBe("");
  });

  it("old rows without these fields still read, as unknown", () => {
    const [row] = parseRunSummaries({ runs: [{ id: "a", status: "ok", source: "app", errorCode: null, durationMs: 1, startedAt: "2024-01-01T00:00:00Z", functionVersion: 1 }] });
    expect(row).toMatchObject({ userId: null, userEmail: null, pageId: null, pageName: null, trigger: null });
    expect(storedRunView({ id: "r", status: "ok", source: "app", input: {}, output: 1, startedAt: "" })).toMatchObject({ userEmail: null, pageId: null, trigger: null });
  });
});

describe("parseRunSummaries", () => {
  it("keeps well-formed rows and drops the rest", () => {
    const rows = parseRunSummaries({
      runs: [
        { id: "a", status: "ok", source: "test", errorCode: null, durationMs: 5, startedAt: "2024-01-01T00:00:00Z", functionVersion: null },
        { id: "b", status: "error", source: "api", errorCode: "RUN_TIMEOUT", durationMs: 10, startedAt: "2024-01-01T00:00:00Z", functionVersion: 3 },
        { id: "c", status: "weird" },
        "junk",
      ],
    });
    expect(rows.map((r) => r.id)).toEqual(["a", "b"]);
    expect(rows[1]).toMatchObject({ errorCode: "RUN_TIMEOUT", functionVersion: 3 });
    expect(parseRunSummaries(null)).toEqual([]);
  });
});

describe("storedRunView", () => {
  const base = {
    id: "r1",
    status: "ok",
    source: "test",
    input: { a: 1 },
    output: { rows: [1] },
    error: null,
    trace: [
      { blockId: "b1", blockName: "load", type: "query", status: "ok", startedAt: 0, durationMs: 4, attempts: 1, logs: [] },
      { nonsense: true },
    ],
    logs: [{ block: "load", level: "info", message: "hi", t: 1 }, { level: "warn", message: "3 more log lines not stored", t: 0 }],
    durationMs: 5,
    startedAt: "2024-01-01T00:00:00Z",
    functionVersion: 2,
  };

  it("reads a successful run", () => {
    const v = storedRunView(base);
    expect(v.outcome).toMatchObject({ status: "ok", result: { rows: [1] }, durationMs: 5 });
    expect(v.outcome.trace.map((e) => e.blockName)).toEqual(["load"]);
    expect(v.outcome.logs).toEqual([
      { block: "load", level: "info", message: "hi", t: 1 },
      { block: "", level: "warn", message: "3 more log lines not stored", t: 0 },
    ]);
    expect(v).toMatchObject({ id: "r1", source: "test", input: { a: 1 }, functionVersion: 2, notes: [] });
  });

  it("reads a failed run's error", () => {
    const v = storedRunView({ ...base, status: "error", output: null, error: { code: "USER_ERROR", message: "nope", status: 422, block: "load", data: { x: 1 } } });
    expect(v.outcome.error).toEqual({ code: "USER_ERROR", message: "nope", status: 422, block: "load", data: { x: 1 } });
    expect(v.outcome.result).toBeUndefined();
  });

  it("turns capped documents into notes", () => {
    const marker = { truncated: true, size: 300_000, preview: '{"rows":[' };
    const v = storedRunView({ ...base, output: marker, trace: marker, input: marker });
    expect(v.outcome.result).toBe('{"rows":[');
    expect(v.outcome.trace).toEqual([]);
    expect(v.input).toBe('{"rows":[');
    expect(v.notes).toHaveLength(3);
  });

  it("survives garbage", () => {
    const v = storedRunView("garbage");
    expect(v.outcome.status).toBe("error");
    expect(v.outcome.error?.code).toBe("INTERNAL");
  });

  it("recognises only the exact marker shape", () => {
    expect(isStoredMarker({ truncated: true, size: 1, preview: "" })).toBe(true);
    expect(isStoredMarker({ truncated: true, size: 1, preview: "", more: 1 })).toBe(false);
    expect(isStoredMarker({ truncated: false, size: 1, preview: "" })).toBe(false);
  });
});
