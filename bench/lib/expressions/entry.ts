import { createAppState, emptyFunctionState, type AppState } from "@/components/runtime/app-state";
import { evaluateTemplate } from "@/components/runtime/expressions";

/**
 * Bundled for the browser by expressions.bench.ts, once as shipped and once with the old
 * `new Function` compiler swapped in. Sets `globalThis.latheExpressionsBench`.
 */

/** A realistic page state: a 50-row table of customers, their orders, 20 inputs. */
function benchState(): AppState {
  const customers = Array.from({ length: 50 }, (_, i) => ({
    id: i + 1, name: `Customer ${i + 1}`, email: `c${i + 1}@example.com`, city: ["Paris", "Oslo", "Lima"][i % 3],
    tags: i % 4 === 0 ? ["vip", "new"] : [], balanceCents: i * 1234, address: { street: `${i} Main St`, zip: `0${i}` },
  }));
  const orders = Array.from({ length: 30 }, (_, i) => ({ id: i, customerId: (i % 50) + 1, amountCents: 500 + i * 70, status: i % 3 ? "paid" : "open" }));
  const components: Record<string, Record<string, unknown>> = {
    customersTable: { selectedRow: customers[3], selectedIndex: 3, searchText: "" },
  };
  for (let i = 0; i < 20; i++) components[`input${i}`] = { value: i % 2 ? `text ${i}` : "" };
  return createAppState({
    functions: {
      getCustomers: { ...emptyFunctionState(), data: customers },
      getOrders: { ...emptyFunctionState(), data: orders },
      getStats: { ...emptyFunctionState(), data: { total: 50, open: 10 } },
    },
    components,
    page: { name: "customers" },
    url: { query: { id: "4", tab: "all" } },
    currentUser: { id: "u1", email: "ada@example.com", name: "Ada", role: "editor", groups: ["ops"] },
  }).get();
}

/** 1,000 bindings of the kinds pages use, each a distinct template (a page has that many). */
function benchTemplates(): string[] {
  const kinds: Array<(i: number) => string> = [
    (i) => `{{ getCustomers.data[${i % 50}].name }}`,
    (i) => `{{ customersTable.selectedRow?.email ?? 'none ${i}' }}`,
    (i) => `Hello {{ currentUser.name }}, you have {{ getOrders.data.length + ${i} }} orders`,
    (i) => `{{ input${i % 20}.value.trim() }}`,
    (i) => `{{ !customersTable.selectedRow || ${i} < 0 }}`,
    (i) => `{{ getCustomers.data.filter(c => c.city === 'Paris' && c.id > ${i % 50}).length }}`,
    (i) => `{{ getOrders.data.map(o => o.amountCents / 100).reduce((a, b) => a + b, ${i}) }}`,
    (i) => `{{ \`\${getCustomers.data[${i % 50}].address.street}, \${getCustomers.data[${i % 50}].address.zip}\` }}`,
    (i) => `{{ { id: customersTable.selectedRow.id, n: ${i}, q: url.query.tab } }}`,
    (i) => `{{ currentUser.groups.includes('ops') ? 'Admin ${i}' : 'User' }}`,
    (i) => `{{ (getCustomers.data[${i % 50}].balanceCents / 100).toFixed(2) }}`,
    (i) => `{{ Number(url.query.id) + ${i} }}`,
    (i) => `{{ getStats.data.open * ${i} / getStats.data.total }}`,
    (i) => `{{ getCustomers.data[${i % 50}].tags.join(', ') || '—' }}`,
    (i) => `{{ getOrders.data.find(o => o.customerId === ${(i % 50) + 1})?.status }}`,
    (i) => `{{ input${i % 20}.value === '' ? 'empty' : input${i % 20}.value.toUpperCase() }}`,
    (i) => `{{ url.query.tab === 'all' && ${i} }}`,
    (i) => `Total: {{ getStats.data.total }} ({{ ${i} }})`,
    (i) => `{{ customersTable.selectedRow.name.toLowerCase().startsWith('c') && ${i} }}`,
    (i) => `{{ [...getCustomers.data.slice(0, 3).map(c => c.id), ${i}] }}`,
  ];
  return Array.from({ length: 1000 }, (_, i) => kinds[i % kinds.length](i));
}

function evaluateAll(templates: readonly string[], state: AppState): number {
  let failures = 0;
  for (const t of templates) if (!evaluateTemplate(t, state).ok) failures++;
  return failures;
}

/** The first pass (parses or compiles every template), then the median of `rounds` warm passes. */
function run(rounds: number): { firstMs: number; warmMs: number; failures: number } {
  const state = benchState();
  const templates = benchTemplates();
  let t0 = performance.now();
  const failures = evaluateAll(templates, state);
  const firstMs = performance.now() - t0;
  const warm: number[] = [];
  for (let r = 0; r < rounds; r++) {
    t0 = performance.now();
    evaluateAll(templates, state);
    warm.push(performance.now() - t0);
  }
  warm.sort((a, b) => a - b);
  return { firstMs, warmMs: warm[Math.floor(warm.length / 2)], failures };
}

Reflect.set(globalThis, "latheExpressionsBench", run);
