import fs from "node:fs";
import { apiCallBench } from "./api-call.bench";
import { appViewBench } from "./app-view.bench";
import { editorBench } from "./editor.bench";
import { engineOverheadBench } from "./engine-overhead.bench";
import { expressionsBench } from "./expressions.bench";
import { loadBench } from "./load.bench";
import { pythonApiBench } from "./python-api.bench";
import { pythonAppsBench } from "./python-apps.bench";
import { pythonBench } from "./python.bench";

/** `npm run bench [-- --only engine|load|api|editor|app|expressions|python]`: prints every figure; also writes bench/results/latest.json. */
const onlyIdx = process.argv.indexOf("--only");
const only = onlyIdx >= 0 ? process.argv[onlyIdx + 1] : null;

async function main() {
  const results: Record<string, unknown> = { date: new Date().toISOString(), cpus: (await import("node:os")).cpus().length };
  if (!only || only === "engine") results.engine = await engineOverheadBench();
  if (!only || only === "load") results.load = await loadBench();
  if (!only || only === "api") results.api = await apiCallBench();
  if (!only || only === "editor") results.editor = await editorBench();
  if (!only || only === "app") results.app = await appViewBench();
  if (!only || only === "expressions") results.expressions = await expressionsBench();
  if (!only || only === "python") results.python = { inProcess: await pythonBench(), apps: await pythonAppsBench(), api: await pythonApiBench() };
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync("bench/results/latest.json", `${JSON.stringify(results, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
