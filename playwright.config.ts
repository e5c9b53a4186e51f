import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { ADMIN_ENV } from "./e2e/auth";

// This file is evaluated again in every worker: choose the port and data folder once and
// hand them on through the environment (workers inherit it).
process.env.LATHE_E2E_PORT ??= "3310";
process.env.LATHE_E2E_DATA ??= fs.mkdtempSync(path.join(os.tmpdir(), "lathe-e2e-"));
const port = Number(process.env.LATHE_E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;
// The admin's signed-in session, written by e2e/global-setup.ts and used by every spec.
process.env.LATHE_E2E_AUTH ??= path.join(process.env.LATHE_E2E_DATA, "admin-session.json");

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "e2e",
  // `npm test` runs the attack specs in its security stage, not again in the e2e stage.
  testIgnore: process.env.LATHE_E2E_SKIP_SECURITY ? /security-[^/]*\.spec\.ts$/ : undefined,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "reports/playwright.json" }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL,
    storageState: process.env.LATHE_E2E_AUTH,
    viewport: { width: 1440, height: 900 },
    trace: "retain-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
  },
  webServer: {
    command: "node scripts/start.mjs",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe",
    env: { PORT: String(port), LATHE_DATA_DIR: process.env.LATHE_E2E_DATA, DATABASE_URL: "", ...ADMIN_ENV },
  },
});
