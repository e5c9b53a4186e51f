import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The layer rules of .dependency-cruiser.cjs, run by the real dependency-cruiser over a small
 * throwaway tree that breaks each of them once: a rule that stopped matching would let a
 * forbidden import into `npm test` silently.
 */
const root = path.resolve(import.meta.dirname, "..");
let dir: string;

const files: Record<string, string> = {
  "tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["./*"] }, allowJs: true } }),
  "server/db.ts": "export const db = 1;\n",
  "components/editor/panel.ts": "export const panel = 1;\n",
  "components/ui/button.ts": "export const button = 1;\n",
  // One violation each.
  "engine/reads-server.ts": 'import { db } from "../server/db";\nexport const a = db;\n',
  "components/runtime/reads-editor.ts": 'import { panel } from "@/components/editor/panel";\nexport const b = panel;\n',
  "components/home/reads-server.ts": 'import { db } from "@/server/db";\nexport const c = db;\n',
  "server/reads-components.ts": 'import { button } from "../components/ui/button";\nexport const d = button;\n',
  "server/services/apps.ts": "export const apps = 1;\n",
  "server/storage/reads-services.ts": 'import { apps } from "../services/apps";\nexport const f = apps;\n',
  "engine/cycle-a.ts": 'import { y } from "./cycle-b";\nexport const x = () => y;\n',
  "engine/cycle-b.ts": 'import { x } from "./cycle-a";\nexport const y = () => x;\n',
  // Allowed: components read the engine, server reads the engine.
  "engine/model.ts": "export const model = 1;\n",
  "components/ui/uses-engine.ts": 'import { model } from "@/engine/model";\nexport const e = model;\n',
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "lathe-layers-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cruise(outputType: "json" | "err") {
  return spawnSync(
    process.execPath,
    [
      path.join(root, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs"),
      "--config", path.join(root, ".dependency-cruiser.cjs"),
      "--output-type", outputType,
      "engine", "components", "server",
    ],
    { cwd: dir, encoding: "utf8" },
  );
}

describe("layer rules", () => {
  it("fail each forbidden import and let the allowed ones through", () => {
    const res = cruise("json");
    // dependency-cruiser's documented JSON report, trimmed to what the test reads.
    const report = JSON.parse(res.stdout) as { summary: { violations: Array<{ from: string; to: string; rule: { name: string } }> } };
    const seen = report.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
    expect(seen).toEqual([
      "components-never-import-server: components/home/reads-server.ts -> server/db.ts",
      "engine-is-a-library: engine/reads-server.ts -> server/db.ts",
      "no-circular: engine/cycle-a.ts -> engine/cycle-b.ts",
      "runtime-not-from-editors: components/runtime/reads-editor.ts -> components/editor/panel.ts",
      "server-layers: server/storage/reads-services.ts -> server/services/apps.ts",
      "server-not-from-app-or-components: server/reads-components.ts -> components/ui/button.ts",
    ]);
    // The output `npm test` uses fails the stage.
    expect(cruise("err").status).not.toBe(0);
  });
});
