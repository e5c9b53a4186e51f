import { describe, expect, it } from "vitest";
import { ServerFunctionError } from "../../ui/api";
import { readTestResponse, testUrl } from "./test-run-client";

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("readTestResponse", () => {
  it("returns the run id and outcome", async () => {
    const outcome = { status: "ok", result: 1, trace: [], logs: [], durationMs: 3 };
    await expect(readTestResponse(json(200, { runId: "r1", outcome }))).resolves.toEqual({ runId: "r1", outcome });
  });

  it("throws the server's message, code and data", async () => {
    const err = await readTestResponse(json(400, { error: "Invalid definition: x", code: "VALIDATION", field: "definition", data: { issues: [] } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerFunctionError);
    expect(err).toMatchObject({ message: "Invalid definition: x", status: 400, code: "VALIDATION", field: "definition", data: { issues: [] } });
  });

  it("copes with a body that is not JSON", async () => {
    const err = await readTestResponse(new Response("<html>", { status: 502 })).catch((e: unknown) => e);
    expect(err).toMatchObject({ message: "Test failed (502)", status: 502 });
  });

  it("refuses a 200 it does not understand", async () => {
    await expect(readTestResponse(json(200, { hello: 1 }))).rejects.toMatchObject({ code: "BAD_RESPONSE" });
  });

  it("encodes the function id", () => {
    expect(testUrl("a/b")).toBe("/api/functions/a%2Fb/test");
  });
});
