// `npm start`: generate the Prisma client if the schema changed, apply migrations, build when
// needed, then serve on PORT (default 3000). `--dev` serves with `next dev` instead.
// The demo app is seeded by the server on its first start (instrumentation.ts).
import crypto from "node:crypto";
import fs from "node:fs";
import { spawn } from "node:child_process";
import { build, needsBuild } from "./build.mjs";
import { ensureDataDir, latheEnv } from "./env.mjs";
import { runPrisma } from "./prisma.mjs";

const dev = process.argv.includes("--dev");
const env = latheEnv();

function sha(file) {
  try {
    return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  } catch {
    return null;
  }
}

function ensureClient() {
  const generated = sha("node_modules/.prisma/client/schema.prisma");
  if (generated !== sha("prisma/schema.prisma")) runPrisma(["generate"], env);
}

async function waitUntilUp(url, child) {
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function main() {
  ensureDataDir(env);
  ensureClient();
  runPrisma(["migrate", "deploy"], env);
  if (!dev && needsBuild()) build();

  const args = ["node_modules/next/dist/bin/next", dev ? "dev" : "start", "-p", env.PORT];
  if (env.HOSTNAME_BIND) args.push("-H", env.HOSTNAME_BIND);
  const child = spawn(process.execPath, args, { stdio: "inherit", env: { ...env, NODE_ENV: dev ? "development" : "production" } });
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

  const url = `http://localhost:${env.PORT}`;
  if (await waitUntilUp(url, child)) console.log(`\n[lathe] Lathe is running at ${url}\n`);
}

main().catch((err) => {
  console.error(`[lathe] could not start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
