import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The CLI does not read .env when this file exists; the default mirrors server/db/config.ts and scripts/env.mjs.
const url = process.env.DATABASE_URL || `file:${path.join(process.env.LATHE_DATA_DIR || "data", "lathe.db")}`;
process.env.DATABASE_URL = url;

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return new PrismaBetterSQLite3({ url });
  },
});
