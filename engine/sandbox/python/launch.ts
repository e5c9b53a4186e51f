import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

/**
 * How a Python child process is started: the command line, the user it runs as, and the
 * isolation level that holds on this host. Decided once per sandbox by trying the strongest
 * set-up first with a short probe run of child.mjs (it must be able to read what it serves from).
 */

export type IsolationLevel = "namespaces" | "process";

export interface Isolation {
  /** "namespaces": own user, network, PID, IPC and UTS namespaces; "process": a locked-down process only. */
  level: IsolationLevel;
  warnings: string[];
}

export interface LaunchOptions {
  childPath: string;
  /** The pyodide package folder, with a trailing separator. */
  pyodideDir: string;
  /** "auto" tries namespaces, then falls back (with a warning); "namespaces" refuses to fall back. */
  isolation: "auto" | "namespaces" | "process";
  /** V8 heap of the child (the Python heap lives in WebAssembly memory, bounded separately). */
  childHeapMb: number;
  /** Run the child as this user when the server runs as root. null: never switch. Default 65534 (nobody). */
  uid: number | null;
  gid: number | null;
  /** Niceness of the children (0–19), from their start: their restores and Python code never starve the server. */
  nice: number;
  /** unshare(1); default: the first of /usr/bin, /bin, /usr/sbin that exists. */
  unshare?: string;
}

export interface LaunchPlan extends Isolation {
  command: string;
  /** Arguments before the child's own (mode, pyodide folder). */
  prefix: string[];
  uid?: number;
  gid?: number;
  /** Started under nice(1) (every thread niced from the start); otherwise the pool renices after ready. */
  niced: boolean;
}

/**
 * Children start with NO environment variables: nothing of the server's (secrets, tokens)
 * exists in them to be found. (`as`: Next.js's typings make NODE_ENV a required key.)
 */
export const EMPTY_ENV = {} as NodeJS.ProcessEnv;

const UNSHARE_CANDIDATES = ["/usr/bin/unshare", "/bin/unshare", "/usr/sbin/unshare"];
const SETPRIV_CANDIDATES = ["/usr/bin/setpriv", "/bin/setpriv"];
const NICE_CANDIDATES = ["/usr/bin/nice", "/bin/nice"];
// --kill-child: the child dies with unshare, whoever kills it. --fork: the PID namespace needs a new process.
const UNSHARE_FLAGS = ["--user", "--map-root-user", "--net", "--pid", "--ipc", "--uts", "--fork", "--kill-child"];

/** Node flags of every child. The permission model allows reading the pyodide folder and child.mjs's folder only. */
export function nodeFlags(o: Pick<LaunchOptions, "childPath" | "pyodideDir" | "childHeapMb">): string[] {
  const permission = process.allowedNodeEnvironmentFlags.has("--permission") ? "--permission" : "--experimental-permission";
  return [
    "--disallow-code-generation-from-strings",
    permission,
    `--allow-fs-read=${o.pyodideDir}`,
    `--allow-fs-read=${path.dirname(o.childPath)}${path.sep}`,
    `--max-old-space-size=${o.childHeapMb}`,
    "--no-warnings",
  ];
}

interface Candidate {
  namespaces: boolean;
  drop: boolean;
  deathSignal: boolean;
}

/**
 * Tries the candidates strongest first (namespaces, then not; an unprivileged user, then not);
 * the first whose probe run succeeds is the plan. About 50 ms per try.
 */
export async function planLaunch(o: LaunchOptions): Promise<LaunchPlan> {
  const steps = candidatesOf(o);
  for (const step of steps.tries) {
    const failure = await probeAsync(step.plan, o);
    if (steps.accept(step, failure)) return step.plan;
  }
  throw steps.giveUp();
}

/** The same, blocking (for `isolation()` asked before the pool started). */
export function planLaunchSync(o: LaunchOptions): LaunchPlan {
  const steps = candidatesOf(o);
  for (const step of steps.tries) {
    if (steps.accept(step, probeSync(step.plan, o))) return step.plan;
  }
  throw steps.giveUp();
}

function candidatesOf(o: LaunchOptions) {
  const warnings: string[] = [];
  const failures: string[] = [];
  const unshare = o.unshare ?? UNSHARE_CANDIDATES.find((p) => existsSync(p));
  // setpriv --pdeathsig: the child dies with the server even when the server is killed (SIGKILL,
  // crash), instead of spinning on as an orphan; without it, only close() ends children.
  const setpriv = SETPRIV_CANDIDATES.find((p) => existsSync(p));
  // nice(1) rather than setpriority() later: niceness is per thread on Linux, and V8's compiler
  // threads (busy tiering up Pyodide's WebAssembly during a restore) exist before any code runs.
  const nice = o.nice > 0 ? NICE_CANDIDATES.find((p) => existsSync(p)) : undefined;
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  const canDrop = root && o.uid !== null;
  const wantNs = o.isolation !== "process";
  if (wantNs && !unshare) failures.push("unshare(1) was not found (util-linux)");
  const flags = nodeFlags(o);
  const tries: { c: Candidate; plan: LaunchPlan }[] = [];
  const wrappers: (string | undefined)[] = wantNs && unshare ? [unshare] : [];
  if (o.isolation !== "namespaces") wrappers.push(undefined);
  for (const ns of wrappers) {
    const namespaces = ns !== undefined;
    for (const drop of canDrop ? [true, false] : [false]) {
      for (const death of setpriv ? [setpriv, undefined] : [undefined]) {
        const argv = ns ? [ns, ...UNSHARE_FLAGS, process.execPath, ...flags, o.childPath] : [process.execPath, ...flags, o.childPath];
        if (nice) argv.unshift(nice, "-n", String(o.nice));
        if (death) argv.unshift(death, "--pdeathsig", "KILL");
        const deathSignal = death !== undefined;
        const plan: LaunchPlan = { level: namespaces ? "namespaces" : "process", warnings, command: argv[0], prefix: argv.slice(1), niced: nice !== undefined };
        if (drop) {
          plan.uid = o.uid ?? undefined;
          plan.gid = o.gid ?? o.uid ?? undefined;
        }
        tries.push({ c: { namespaces, drop, deathSignal }, plan });
      }
    }
  }
  return {
    tries,
    accept(step: { c: Candidate; plan: LaunchPlan }, failure: string | null): boolean {
      if (failure !== null) {
        failures.push(failure);
        return false;
      }
      if (!step.c.deathSignal) warnings.push("setpriv --pdeathsig is not available: Python children outlive a server that is killed without close()");
      if (root && !step.c.drop) warnings.push("the server runs as root and Python children could not run as an unprivileged user" + (failures.length ? ` (${failures.join("; ")})` : ""));
      if (!step.c.namespaces && wantNs) {
        warnings.push(
          "Python runs WITHOUT its own network and PID namespaces (" +
            (failures.join("; ") || "unavailable") +
            "): it still has no environment, no code generation from strings, and no file, process or worker access, but code that escaped Pyodide could open network connections",
        );
      }
      return true;
    },
    giveUp: () => new Error(`the Python sandbox cannot start on this host: ${failures.join("; ")}`),
  };
}

function probeArgs(plan: LaunchPlan, o: LaunchOptions) {
  return {
    args: [...plan.prefix, "probe", o.pyodideDir],
    options: { env: EMPTY_ENV, uid: plan.uid, gid: plan.gid, timeout: 15_000 },
  };
}

function probeFailure(plan: LaunchPlan, status: number | null, stdout: string, stderr: string, error?: Error): string | null {
  if (status === 0 && stdout.startsWith("ok")) return null;
  const why = error ? error.message : (stderr || stdout || `exit ${status}`).trim().split("\n").slice(-2).join(" ");
  return `${plan.command}${plan.uid !== undefined ? " as uid " + plan.uid : ""}: ${why.slice(0, 300)}`;
}

/** Runs child.mjs in probe mode with the plan; null when it works, else why not. */
function probeSync(plan: LaunchPlan, o: LaunchOptions): string | null {
  const { args, options } = probeArgs(plan, o);
  const r = spawnSync(plan.command, args, { ...options, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return probeFailure(plan, r.status, r.stdout ?? "", r.stderr ?? "", r.error);
}

function probeAsync(plan: LaunchPlan, o: LaunchOptions): Promise<string | null> {
  const { args, options } = probeArgs(plan, o);
  return new Promise((resolve) => {
    let stdout = "";
    let stderr = "";
    const child = spawn(plan.command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d: Buffer) => (stdout = (stdout + d.toString("utf8")).slice(-2000)));
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString("utf8")).slice(-2000)));
    child.on("error", (err) => resolve(probeFailure(plan, null, stdout, stderr, err)));
    child.on("close", (code) => resolve(probeFailure(plan, code, stdout, stderr)));
  });
}
