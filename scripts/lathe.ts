// `npm run lathe -- <command>`: Lathe's command line, run on the server's machine against the
// same data as the server (LATHE_DATA_DIR, DATABASE_URL: server/db/config.ts).
//
//   reset-password <email>                   a new random password, printed once
//   reset-password <email> --password-stdin  the password read from standard input
import fs from "node:fs";
import { getAuth } from "@/server/auth/auth";
import { getDb } from "@/server/db/client";
import { databaseFile, databaseUrl } from "@/server/db/config";
import { generatedPassword, resetPassword } from "@/server/services/reset-password";

const USAGE = `Usage:
  npm run lathe -- reset-password <email>                   set a new random password (printed once)
  npm run lathe -- reset-password <email> --password-stdin  read the new password from standard input`;

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  // One trailing line break is the end of the line, not part of the password.
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

async function resetPasswordCommand(args: string[]): Promise<void> {
  const fromStdin = args.includes("--password-stdin");
  const rest = args.filter((a) => a !== "--password-stdin");
  const unknown = rest.find((a) => a.startsWith("-"));
  if (unknown) throw new UsageError(`Unknown option ${unknown}`);
  if (rest.length !== 1) throw new UsageError("Give one email address");
  const url = databaseUrl();
  const file = databaseFile(url);
  if (file && !fs.existsSync(file)) {
    throw new Error(`There is no Lathe database at ${file}. Run this where Lathe runs, with the same LATHE_DATA_DIR or DATABASE_URL.`);
  }
  const password = fromStdin ? await readStdin() : generatedPassword();
  const db = getDb();
  try {
    const done = await resetPassword({ db, auth: getAuth() }, rest[0], password);
    const ended = `${done.sessionsEnded} session${done.sessionsEnded === 1 ? "" : "s"} ended`;
    const account = done.createdAccount ? " (they had no password before: one was added beside single sign-on)" : "";
    if (fromStdin) console.log(`The password of ${done.email} is set${account}; ${ended}.`);
    else console.log(`New password for ${done.email}${account}; ${ended}. It is shown only now:\n\n  ${password}\n`);
  } finally {
    await db.$disconnect();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === "reset-password") await resetPasswordCommand(args);
    else throw new UsageError(command ? `Unknown command "${command}"` : "Give a command");
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
}

process.exit(await main(process.argv.slice(2)));
