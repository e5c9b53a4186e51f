import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { EMPTY_ENV, type LaunchPlan } from "./launch";

/**
 * The memory snapshot every Python child restores from (well under a second, against several
 * seconds for a cold Pyodide load). Made once by a child in "snapshot" mode, under the same
 * sandbox as serving children (it never writes a file: the bytes come back over its stdout),
 * then cached in a file next to a `.json` stamp. The stamp's key covers the pyodide version
 * and the harness, so an upgrade or a harness change rebuilds it.
 */

export interface SnapshotOptions {
  file: string;
  pyodideDir: string;
  childPath: string;
  harnessPath: string;
  plan: LaunchPlan;
  /** Giving up on making it. */
  timeoutMs: number;
}

interface Stamp {
  key: string;
  size: number;
  pyodide: string;
  createdAt: string;
}

const MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024;
const inFlight = new Map<string, Promise<string>>();

export function snapshotKey(o: Pick<SnapshotOptions, "pyodideDir" | "childPath" | "harnessPath">): { key: string; pyodide: string } {
  // `as`: the installed package's own manifest.
  const pkg = JSON.parse(fs.readFileSync(path.join(o.pyodideDir, "package.json"), "utf8")) as { version: string };
  const h = createHash("sha256");
  h.update(`pyodide ${pkg.version}\n`);
  h.update(fs.readFileSync(o.harnessPath));
  h.update(fs.readFileSync(o.childPath));
  return { key: h.digest("hex").slice(0, 32), pyodide: pkg.version };
}

function validStamp(file: string, key: string): boolean {
  try {
    // `as`: our own stamp file; a stale or foreign one fails the comparison below.
    const stamp = JSON.parse(fs.readFileSync(`${file}.json`, "utf8")) as Stamp;
    return stamp.key === key && fs.statSync(file).size === stamp.size;
  } catch {
    return false;
  }
}

/** The snapshot file's path, once it is there and current (made now if needed; one maker per file across processes). */
export function ensureSnapshot(o: SnapshotOptions): Promise<string> {
  let p = inFlight.get(o.file);
  if (!p) {
    p = ensure(o).finally(() => inFlight.delete(o.file));
    inFlight.set(o.file, p);
  }
  return p;
}

async function ensure(o: SnapshotOptions): Promise<string> {
  const { key, pyodide } = snapshotKey(o);
  const deadline = Date.now() + o.timeoutMs;
  fs.mkdirSync(path.dirname(o.file), { recursive: true, mode: 0o755 });
  while (!validStamp(o.file, key)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for the Python snapshot ${o.file}`);
    const lock = `${o.file}.lock`;
    let fd: number;
    try {
      fd = fs.openSync(lock, "wx");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      // Another process is making it: wait, unless its lock is stale (it died).
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age > 120_000) fs.rmSync(lock, { force: true });
      else await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    try {
      fs.closeSync(fd);
      if (validStamp(o.file, key)) break;
      const bytes = await makeSnapshot(o, deadline - Date.now());
      const tmp = `${o.file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
      // Readable by the unprivileged user the children may run as.
      fs.writeFileSync(tmp, bytes, { mode: 0o644 });
      fs.renameSync(tmp, o.file);
      const stamp: Stamp = { key, size: bytes.length, pyodide, createdAt: new Date().toISOString() };
      fs.writeFileSync(`${o.file}.json.tmp`, JSON.stringify(stamp, null, 2) + "\n", { mode: 0o644 });
      fs.renameSync(`${o.file}.json.tmp`, `${o.file}.json`);
    } finally {
      fs.rmSync(lock, { force: true });
    }
  }
  return o.file;
}

function makeSnapshot(o: SnapshotOptions, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(o.plan.command, [...o.plan.prefix, "snapshot", o.pyodideDir], {
      env: EMPTY_ENV,
      uid: o.plan.uid,
      gid: o.plan.gid,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const parts: Buffer[] = [];
    let size = 0;
    let stderr = "";
    const fail = (why: string) => {
      clearTimeout(timer);
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
      reject(new Error(`making the Python snapshot failed: ${why}`));
    };
    const timer = setTimeout(() => fail(`no snapshot after ${timeoutMs} ms`), Math.max(1000, timeoutMs));
    child.stdout.on("data", (d: Buffer) => {
      size += d.length;
      if (size > MAX_SNAPSHOT_BYTES) fail("snapshot too large");
      else parts.push(d);
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString("utf8")).slice(-2000);
    });
    child.on("error", (err) => fail(err.message));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && size > 0 && size <= MAX_SNAPSHOT_BYTES) resolve(Buffer.concat(parts, size));
      else reject(new Error(`making the Python snapshot failed (exit ${code ?? signal}): ${stderr.trim().slice(-500)}`));
    });
  });
}
