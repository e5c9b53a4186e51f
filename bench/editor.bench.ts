import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_ARGS } from "../playwright.config";
import { ms, table } from "./lib/format";
import { browserCookie, createFunction, withLathe } from "./lib/lathe";

/**
 * The function editor in Chromium (issue 6): opening a function of 200 blocks until the canvas
 * answers a click (target < 1.5 s), against a 2-block one; and the Test round trip of a small
 * function measured in the page (target < 150 ms), against the bare fetch of the
 * same endpoint from the same page.
 */
function chain(n: number) {
  const blocks: unknown[] = [{ id: "start", name: "start", type: "start", position: { x: 0, y: 0 }, config: {} }];
  const edges: unknown[] = [];
  let prev = "start";
  for (let i = 1; i <= n; i++) {
    blocks.push({ id: `b${i}`, name: `step${i}`, type: "code", position: { x: (i % 10) * 260, y: Math.floor(i / 10) * 140 + 120 },
      config: { language: "javascript", source: `return ${i};` } });
    edges.push({ id: `e${i}`, source: prev, target: `b${i}`, port: "next" });
    prev = `b${i}`;
  }
  return { schemaVersion: 1, graph: { blocks, edges } };
}

/** Navigation start → a click on a block is reflected in the inspector. */
async function openToInteractive(page: Page, url: string, block: string): Promise<number> {
  const t0 = Date.now();
  await page.goto(url);
  const node = page.locator(`.react-flow__node [data-block-name="${block}"]`);
  await node.first().waitFor();
  await node.first().click();
  await page.locator(`[data-inspected-block="${block}"]`).waitFor();
  return Date.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** In the page: click Test, and time until the panel has the new outcome. */
async function testRoundTrip(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const panel = document.querySelector("[data-testid='test-panel']");
    const button = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Test");
    if (!panel || !button) throw new Error("no test panel");
    const t0 = performance.now();
    const done = new Promise<number>((resolve) => {
      let started = false;
      const obs = new MutationObserver(() => {
        const running = panel.getAttribute("data-running") === "true";
        if (running) started = true;
        if (started && !running && document.querySelector("[data-testid='run-details']")) {
          obs.disconnect();
          resolve(performance.now() - t0);
        }
      });
      obs.observe(panel, { attributes: true, subtree: true, childList: true });
    });
    button.click();
    return done;
  });
}

async function bareFetch(page: Page, fnId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const body = JSON.stringify({ definition: (await (await fetch(`/api/functions/${id}`)).json()).function.definition, input: {} });
    const t0 = performance.now();
    const res = await fetch(`/api/functions/${id}/test`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
    await res.json();
    return performance.now() - t0;
  }, fnId);
}

export async function editorBench() {
  return withLathe(async (server) => {
    const big = await createFunction(server.url, "big", chain(200));
    const small = await createFunction(server.url, "small", chain(2)); // 2 blocks: the canvas, not the single-step view
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addCookies([browserCookie(server.url)]);
      const page = await context.newPage();
      const urlOf = (f: { appId: string; fnId: string }) => `${server.url}/apps/${f.appId}/edit?fn=${f.fnId}`;
      await openToInteractive(page, urlOf(small), "step1"); // warm the server's page cache and the browser
      const smallOpen: number[] = [];
      const bigOpen: number[] = [];
      for (let i = 0; i < 5; i++) {
        smallOpen.push(await openToInteractive(page, urlOf(small), "step1"));
        bigOpen.push(await openToInteractive(page, urlOf(big), "step1"));
      }
      await page.goto(urlOf(small));
      await page.locator("[data-testid='test-panel']").waitFor();
      const ui: number[] = [];
      const raw: number[] = [];
      for (let i = 0; i < 3; i++) await testRoundTrip(page);
      for (let i = 0; i < 20; i++) {
        ui.push(await testRoundTrip(page));
        raw.push(await bareFetch(page, small.fnId));
      }
      console.log("\nFunction editor in Chromium (median of runs):\n");
      console.log(table([
        ["", "baseline", "measured", "target"],
        ["open to interactive: 2 blocks vs 200 blocks", ms(median(smallOpen)), ms(median(bigOpen)), "< 1500 ms"],
        ["Test round trip: bare fetch vs the Test button", ms(median(raw)), ms(median(ui)), "< 150 ms"],
      ]));
      return { openSmallMs: median(smallOpen), openBigMs: median(bigOpen), testFetchMs: median(raw), testUiMs: median(ui) };
    } finally {
      await browser.close();
    }
  });
}
