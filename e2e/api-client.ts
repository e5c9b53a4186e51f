import { expect, type APIRequestContext } from "@playwright/test";

/** Builds apps and functions through the editor's JSON API, for tests about running them. */
export async function createAppWithFunction(
  request: APIRequestContext,
  fn: { name: string; definition: Record<string, unknown> },
): Promise<{ appId: string; fnId: string }> {
  const appName = `api ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const app = await request.post("/api/apps", { data: { name: appName } });
  expect(app.status()).toBe(200);
  const appId = (await app.json()).app.id as string;
  const created = await request.post(`/api/apps/${appId}/functions`, { data: { name: fn.name } });
  expect(created.status()).toBe(200);
  const fnId = (await created.json()).function.id as string;
  const saved = await request.put(`/api/functions/${fnId}`, { data: { definition: fn.definition, baseVersion: 1 } });
  expect(saved.status(), await saved.text()).toBe(200);
  return { appId, fnId };
}

/** A one-JS-block function definition. */
export function jsFunction(source: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemaVersion: 1,
    params: [],
    graph: {
      blocks: [
        { id: "start", name: "start", type: "start", config: {} },
        { id: "code1", name: "code1", type: "code", config: { language: "javascript", source } },
      ],
      edges: [{ id: "e1", source: "start", target: "code1", port: "next" }],
    },
    ...extra,
  };
}
