import path from "node:path";
import { chromium } from "@playwright/test";
import { build, type Plugin } from "esbuild";
import { CHROMIUM_ARGS } from "../playwright.config";
import { ms, table } from "./lib/format";

/**
 * Page expressions in Chromium (issue 12, target: 1,000 bindings < 5 ms): the shipped
 * interpreter beside the `new Function` compiler it replaced (bench/lib/expressions/), the
 * same 1,000 templates against the same state, in the same page, alternating.
 */
const root = path.resolve(import.meta.dirname, "..");
const entry = path.join(root, "bench/lib/expressions/entry.ts");

/** Swaps the shipped compile-expression.ts for the old one. */
const oldCompiler: Plugin = {
  name: "new-function-compiler",
  setup(b) {
    b.onResolve({ filter: /^\.\/compile-expression$/ }, (args) =>
      args.importer.endsWith(path.join("components", "runtime", "expressions.ts"))
        ? { path: path.join(root, "bench/lib/expressions/new-function-compile-expression.ts") }
        : undefined);
  },
};

async function bundle(plugins: Plugin[]): Promise<string> {
  const out = await build({
    entryPoints: [entry], bundle: true, write: false, format: "iife", platform: "browser", target: "es2022",
    minify: true, tsconfig: path.join(root, "tsconfig.json"), plugins, logLevel: "silent",
  });
  return out.outputFiles[0].text;
}

interface Figures { firstMs: number; warmMs: number; failures: number }
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function expressionsBench() {
  const [shipped, old] = await Promise.all([bundle([]), bundle([oldCompiler])]);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const runs: Record<"interpreter" | "newFunction", Figures[]> = { interpreter: [], newFunction: [] };
    for (let i = 0; i < 3; i++) {
      for (const [name, script] of [["interpreter", shipped], ["newFunction", old]] as const) {
        const page = await browser.newPage(); // a fresh page: the first pass is really the first
        await page.setContent("<!doctype html><title>expressions bench</title>");
        await page.addScriptTag({ content: script });
        // `as`: entry.ts sets this global to its `run`
        runs[name].push(await page.evaluate(() => (Reflect.get(globalThis, "latheExpressionsBench") as (rounds: number) => Figures)(50)));
        await page.close();
      }
    }
    const summary = (xs: Figures[]) => ({
      firstMs: median(xs.map((x) => x.firstMs)),
      warmMs: median(xs.map((x) => x.warmMs)),
      failures: Math.max(...xs.map((x) => x.failures)),
    });
    const interpreter = summary(runs.interpreter);
    const newFunction = summary(runs.newFunction);
    console.log("\nPage expressions in Chromium: 1,000 bindings against a 50-row page state (median of 3 pages, each the median of 50 passes):\n");
    console.log(table([
      ["", "interpreter (shipped)", "new Function (before)", "target"],
      ["1,000 bindings, warm", ms(interpreter.warmMs), ms(newFunction.warmMs), "< 5 ms"],
      ["first pass (parse/compile)", ms(interpreter.firstMs), ms(newFunction.firstMs), ""],
      ["bindings that failed", String(interpreter.failures), String(newFunction.failures), "0"],
    ]));
    return { interpreter, newFunction };
  } finally {
    await browser.close();
  }
}
