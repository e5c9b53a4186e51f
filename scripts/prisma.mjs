// @ts-check
// Runs the Prisma CLI offline: the engine-binary variables point at /bin/true so that
// no command can try to download an engine (see ../shared/STACK.md).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export function prismaEnv(extra = {}) {
  return {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
    PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
    ...extra,
  };
}

/** @param {string[]} args @param {Record<string, string>} [extraEnv] */
export function runPrisma(args, extraEnv = {}) {
  const cli = require.resolve("prisma/build/index.js");
  const res = spawnSync(process.execPath, [cli, ...args], {
    stdio: "inherit",
    env: prismaEnv(extraEnv),
  });
  if (res.status !== 0) {
    throw new Error(`prisma ${args.join(" ")} failed with exit code ${res.status}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    runPrisma(process.argv.slice(2));
  } catch (err) {
    console.error(String(err instanceof Error ? err.message : err));
    process.exit(1);
  }
}
