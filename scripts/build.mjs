// @ts-check
// Builds the Next.js app when its sources changed since the last build.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { latheEnv } from "./env.mjs";

const INPUT_DIRS = ["app", "components", "engine", "server"];
const INPUT_FILES = [
  "instrumentation.ts", "instrumentation-client.ts", "next.config.mjs", "postcss.config.mjs", "tsconfig.json",
  "package-lock.json", "prisma/schema.prisma",
];

/** @param {string} entry @returns {number} */
function newestMtime(entry) {
  let newest = 0;
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(entry) ? 0 : stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

export function needsBuild() {
  const buildId = path.join(".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const inputs = Math.max(...INPUT_DIRS.map(newestMtime), ...INPUT_FILES.map(newestMtime));
  return inputs > built;
}

export function build() {
  console.log("[lathe] building the app (next build)…");
  const started = Date.now();
  const res = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...latheEnv(), NODE_ENV: "production" },
  });
  if (res.status !== 0) throw new Error(`next build failed with exit code ${res.status}`);
  console.log(`[lathe] built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    if (process.argv.includes("--if-needed") && !needsBuild()) {
      console.log("[lathe] build is up to date");
    } else {
      build();
    }
  } catch (err) {
    console.error(String(err instanceof Error ? err.message : err));
    process.exit(1);
  }
}
