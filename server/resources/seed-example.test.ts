import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runFunction } from "@/engine/interpreter";
import { FunctionDefinition } from "@/engine/model";
import { createJsSandbox, type JsSandbox } from "@/engine/sandbox/js";
import { ResourceClients } from "./clients";
import { createResourcePort } from "./port";
import { startHttp, type TestHttp } from "./test-support/http-server";
import { lookupOf, resource } from "./test-support/resources";
import { startSmtp, type TestSmtp } from "./test-support/smtp-server";

/**
 * The seed's example, end to end through the engine: delete a customer over a REST resource,
 * then e-mail that it was deleted; a failed delete goes to the error handler and sends nothing.
 *
 *   start ─► deleteCustomer (DELETE /customers/{{ customerId }}) ─► notify (SMTP) ─► done
 *   onError ─► failed (return { deleted: false, reason: error.message })
 */
const definition = FunctionDefinition.parse({
  schemaVersion: 1,
  params: [{ name: "customerId", type: "number", required: true }],
  graph: {
    blocks: [
      { id: "start", name: "start", type: "start", config: {} },
      { id: "del", name: "deleteCustomer", type: "query", config: { kind: "rest", resourceId: "crm", method: "DELETE", path: "/customers/{{ customerId }}" } },
      { id: "mail", name: "notify", type: "query", config: { kind: "smtp", resourceId: "mailer", to: "ops@shop.test", subject: "Customer {{ customerId }} deleted", text: "Customer {{ customerId }} deleted" } },
      { id: "done", name: "done", type: "return", config: { value: "{{ { deleted: true, id: deleteCustomer.data.deleted, messageId: notify.data } }}" } },
      { id: "onError", name: "onError", type: "errorHandler", config: {} },
      { id: "failed", name: "failed", type: "return", config: { value: "{{ { deleted: false, reason: error.message } }}" } },
    ],
    edges: [
      { id: "e1", source: "start", target: "del" },
      { id: "e2", source: "del", target: "mail" },
      { id: "e3", source: "mail", target: "done" },
      { id: "e4", source: "onError", target: "failed" },
    ],
  },
});

let http: TestHttp;
let smtp: TestSmtp;
let js: JsSandbox;
const clients = new ResourceClients();
let ports: () => Parameters<typeof runFunction>[2];

beforeAll(async () => {
  [http, smtp] = await Promise.all([startHttp(), startSmtp()]);
  js = createJsSandbox({ poolSize: 1 });
  const lookup = lookupOf(
    resource("crm", { kind: "rest", config: { baseUrl: `${http.origin}/api`, auth: { type: "bearer" } }, secrets: { token: "crm-token" } }),
    resource("mailer", { kind: "smtp", config: { host: "127.0.0.1", port: smtp.port, security: "none", from: "shop@shop.test" }, secrets: {} }),
  );
  ports = () => ({ js, resources: createResourcePort(lookup, clients) });
});
beforeEach(() => {
  smtp.messages.length = 0;
});
afterAll(async () => {
  await js.close();
  await clients.closeAll();
  await Promise.all([http.close(), smtp.close()]);
});

describe("the seed's example", () => {
  it("deletes the customer, then e-mails that it did", async () => {
    const out = await runFunction(definition, { customerId: 7 }, ports());
    expect(out.status).toBe("ok");
    expect(out.result).toMatchObject({ deleted: true, id: "7", messageId: expect.stringMatching(/^<.+>$/) });
    expect(http.customers.has("7")).toBe(false);
    expect(http.hits.at(-1)).toMatchObject({ method: "DELETE", url: "/api/customers/7" });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].to).toEqual(["ops@shop.test"]);
    expect(smtp.messages[0].raw).toContain("Subject: Customer 7 deleted");
    expect(smtp.messages[0].raw).toContain("Customer 7 deleted");
  });

  it("routes a failed delete to the error handler and sends no e-mail", async () => {
    const out = await runFunction(definition, { customerId: 404 }, ports());
    expect(out.status).toBe("ok");
    expect(out.result).toEqual({ deleted: false, reason: "DELETE /customers/404 answered 404 Not Found" });
    const byName = Object.fromEntries(out.trace.map((t) => [t.blockName, t]));
    expect(byName.deleteCustomer).toMatchObject({ status: "error", error: { code: "RESOURCE_FAILED", status: 502, data: { status: 404, body: { error: "Customer 404 not found" } } } });
    expect(byName.notify?.status ?? "skipped").toBe("skipped");
    expect(smtp.messages).toHaveLength(0);
  });
});
