// @ts-check
// `npm test`: typecheck, lint and import boundaries, unit tests (Vitest), then Playwright e2e against the built app in
// Debian's Chromium. Prints one closing line `N passed, N failed, N skipped` over every runner.
// `--only typecheck|lint|unit|security|e2e` runs one stage. The security stage is every attack written as a test:
// the Vitest files named `*.security.test.ts` and the Playwright specs named `e2e/security-*.spec.ts`; the unit and
// e2e stages leave them out.
import fs from "node:fs";
import { spawnSync } from "node:child_process";
import { build, needsBuild } from "./build.mjs";
import { latheEnv } from "./env.mjs";

const onlyIdx = process.argv.indexOf("--only");
const only = onlyIdx >= 0 ? process.argv[onlyIdx + 1] : null;
const wants = (/** @type {string} */ stage) => !only || only === stage;
const totals = { passed: 0, failed: 0, skipped: 0 };
let stageFailed = false;

/** @param {string} cmd @param {string[]} args @param {Record<string, string>} [env] */
function run(cmd, args, env = {}) {
  const res = spawnSync(cmd, args, { stdio: "inherit", env: { ...latheEnv(), ...env } });
  return res.status ?? 1;
}

/** @param {string} file */
function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** Chromium from Debian: installed here when we are root, otherwise we say how. */
function ensureChromium() {
  const bin = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (fs.existsSync(bin)) return true;
  if (process.getuid?.() === 0) {
    console.log("[test] installing Debian's chromium for the e2e tests…");
    run("apt-get", ["update", "-qq"]);
    if (run("apt-get", ["install", "-y", "-qq", "chromium"], { DEBIAN_FRONTEND: "noninteractive" }) === 0) return true;
  }
  console.error(
    `[test] ${bin} not found. Install Debian's Chromium (as root: apt-get install chromium), ` +
      "or set CHROMIUM_PATH to a Chromium binary. Playwright's own browser download is not used.",
  );
  return false;
}

function typecheck() {
  console.log("\n[test] typecheck (tsc --noEmit)");
  const ok = run(process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "tsconfig.json"]) === 0;
  totals[ok ? "passed" : "failed"] += 1;
  if (!ok) stageFailed = true;
}

/** ESLint, then the import boundaries between layers (dependency-cruiser). */
function lint() {
  console.log("\n[test] lint (eslint)");
  const lintOk = run(process.execPath, ["node_modules/eslint/bin/eslint.js", "--max-warnings=0", "."]) === 0;
  console.log("\n[test] import boundaries (dependency-cruiser)");
  const depsOk = run(process.execPath, [
    "node_modules/dependency-cruiser/bin/dependency-cruise.mjs", "--config", ".dependency-cruiser.cjs", "--output-type", "err",
    "app", "components", "engine", "server",
  ]) === 0;
  for (const ok of [lintOk, depsOk]) {
    totals[ok ? "passed" : "failed"] += 1;
    if (!ok) stageFailed = true;
  }
}

const SECURITY_TESTS = "**/*.security.test.ts";

/** Vitest over `filters` (file path filters), counted into the totals. */
function vitest(/** @type {string[]} */ args) {
  fs.rmSync("reports/vitest.json", { force: true });
  const code = run(process.execPath, [
    "node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", "--outputFile.json=reports/vitest.json", ...args,
  ]);
  const report = readJson("reports/vitest.json");
  if (!report) {
    stageFailed = true;
    totals.failed += 1;
    return;
  }
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (code !== 0 && report.numFailedTests === 0) stageFailed = true; // e.g. a file that failed to load
}

function unit() {
  console.log("\n[test] unit tests (vitest)");
  vitest(["--exclude", SECURITY_TESTS]);
}

/** The attacks: Vitest's `*.security.test.ts`, then the `e2e/security-*` specs in Chromium. */
function security() {
  console.log("\n[test] security: attacks as tests (vitest)");
  vitest([".security.test.", "--passWithNoTests"]);
  if (fs.readdirSync("e2e").some((f) => /^security-.*\.spec\.ts$/.test(f))) {
    console.log("\n[test] security: attacks in the browser (playwright)");
    playwright(["e2e/security-"], {});
  }
}

/** Playwright over `args` against the built app; `env` adds to its environment. */
function playwright(/** @type {string[]} */ args, /** @type {Record<string, string>} */ env) {
  if (!ensureChromium()) {
    stageFailed = true;
    return;
  }
  if (needsBuild()) build();
  fs.rmSync("reports/playwright.json", { force: true });
  const code = run(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...args], env);
  const report = readJson("reports/playwright.json");
  if (!report) {
    stageFailed = true;
    totals.failed += 1;
    return;
  }
  const s = report.stats;
  totals.passed += s.expected + s.flaky;
  totals.failed += s.unexpected;
  totals.skipped += s.skipped;
  if (code !== 0 && s.unexpected === 0) stageFailed = true; // e.g. the web server did not start
}

function e2e() {
  console.log("\n[test] end-to-end tests (playwright, Debian chromium)");
  playwright([], { LATHE_E2E_SKIP_SECURITY: "1" });
}

fs.mkdirSync("reports", { recursive: true });
if (wants("typecheck")) typecheck();
if (wants("lint")) lint();
if (wants("unit")) unit();
if (wants("security")) security();
if (wants("e2e")) e2e();

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || stageFailed ? 1 : 0);
