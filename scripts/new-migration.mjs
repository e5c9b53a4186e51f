// @ts-check
// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql,
// the SQL that takes a database migrated by the existing migrations to prisma/schema.prisma.
//
// `prisma migrate dev` cannot run here (it needs a native schema engine), and with the driver
// adapter in prisma.config.ts `migrate diff` only compares datamodels. So the "before" side is
// rebuilt from the migrations themselves: apply them to a throwaway SQLite file
// (`migrate deploy`), introspect that file into a schema (`db pull`), then diff that schema
// against prisma/schema.prisma. Nothing is applied to any real database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runPrisma } from "./prisma.mjs";

const MIGRATIONS = path.join("prisma", "migrations");
const SCHEMA = path.join("prisma", "schema.prisma");

/** @param {string} message @returns {never} */
function usage(message) {
  console.error(`${message}\nUsage: npm run db:migration -- <name>   (letters, digits and _, e.g. run_schema_version)`);
  process.exit(1);
}

/** YYYYMMDDHHMMSS in UTC, and always after the newest existing migration so the order holds. */
function timestamp() {
  const now = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const newest = fs
    .readdirSync(MIGRATIONS)
    .map((d) => /^(\d{14})_/.exec(d)?.[1])
    .filter(Boolean)
    .sort()
    .at(-1);
  if (!newest || now > newest) return now;
  return String(BigInt(newest) + 1n); // clocks disagree: keep the order, not the wall time
}

function main() {
  const name = process.argv[2];
  if (!name) usage("Name the migration.");
  if (!/^[a-z][a-z0-9_]*$/i.test(name)) usage(`"${name}" is not a valid migration name.`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lathe-migration-"));
  try {
    // The CLI opens DATABASE_URL through the adapter even for a datamodel diff: point it at the scratch file.
    const env = { DATABASE_URL: `file:${path.join(tmp, "migrated.db")}` };
    const previous = path.join(tmp, "previous.prisma");
    const sql = path.join(tmp, "migration.sql");
    runPrisma(["migrate", "deploy"], env);
    fs.copyFileSync(SCHEMA, previous); // db pull keeps the generator and datasource blocks of the file it overwrites
    runPrisma(["db", "pull", "--schema", previous], env);
    runPrisma(["migrate", "diff", "--from-schema-datamodel", previous, "--to-schema-datamodel", SCHEMA, "--script", "--output", sql], env);
    const script = fs.readFileSync(sql, "utf8");
    if (!/^\s*[A-Z]/m.test(script.replace(/^--.*$/gm, ""))) {
      console.log("prisma/schema.prisma matches the migrations: no migration written.");
      return;
    }
    const dir = path.join(MIGRATIONS, `${timestamp()}_${name}`);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "migration.sql"), script);
    console.log(`Wrote ${path.join(dir, "migration.sql")}. Read it, then apply it with npm start (migrate deploy).`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
