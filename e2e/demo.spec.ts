import { expect, test } from "@playwright/test";

// The first-start demo works out of the box: its functions query the demo SQLite resource.
test("the demo functions query the demo customers database", async ({ request }) => {
  const { apps } = await (await request.get("/api/apps")).json();
  const demo = apps.find((a: { name: string }) => a.name === "Customer admin");
  expect(demo).toBeTruthy();
  const { functions } = await (await request.get(`/api/apps/${demo.id}/functions`)).json();
  const idOf = (name: string) => functions.find((f: { name: string; id: string }) => f.name === name).id;

  const all = await request.post("/api/fn", { data: { fnId: idOf("getCustomers"), args: [{}] } });
  expect(all.status()).toBe(200);
  expect((await all.json()).result).toHaveLength(12);

  const searched = await (await request.post("/api/fn", { data: { fnId: idOf("getCustomers"), args: [{ search: "lovelace" }] } })).json();
  expect(searched.result).toEqual([{ id: 1, name: "Ada Lovelace", email: "ada@example.com", plan: "pro", country: "UK" }]);

  // A parameter is bound, never spliced: this finds nothing and breaks nothing.
  const injected = await (await request.post("/api/fn", { data: { fnId: idOf("getCustomers"), args: [{ search: "' OR 1=1 --" }] } })).json();
  expect(injected.result).toEqual([]);

  const orders = await (await request.post("/api/fn", { data: { fnId: idOf("customerOrders"), args: [{ customerId: 4 }] } })).json();
  expect(orders.result.count).toBe(orders.result.orders.length);
  expect(orders.result.totalCents).toBeGreaterThan(0);

  // deleteCustomer deletes once; a second time its ServerError answers 404 with the id.
  const deleted = await request.post("/api/fn", { data: { fnId: idOf("deleteCustomer"), args: [{ id: 12 }] } });
  expect(await deleted.json()).toEqual({ result: { deleted: 12 } });
  const again = await request.post("/api/fn", { data: { fnId: idOf("deleteCustomer"), args: [{ id: 12 }] } });
  expect(again.status()).toBe(404);
  expect(await again.json()).toMatchObject({ error: "No customer with id 12", code: "USER_ERROR", data: { id: 12 } });
});
