import { execFileSync } from "node:child_process";
import fs from "node:fs";

/**
 * A process and all its descendants (the server, its worker threads are in its own figures,
 * the Python children), read from /proc: CPU time (utime+stime, plus cutime+cstime for the
 * children that ended) and resident memory (VmRSS summed).
 */
const TICK = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

interface Stat {
  ppid: number;
  ticks: number;
}

function stat(pid: number): Stat | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: the fields start after the last ')'.
    const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) };
  } catch {
    return null; // it ended meanwhile
  }
}

/** `root` and every live descendant. */
export function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (!s) continue;
    const list = children.get(s.ppid) ?? [];
    list.push(pid);
    children.set(s.ppid, list);
  }
  const out: number[] = [];
  const todo = [root];
  while (todo.length > 0) {
    const pid = todo.pop() as number; // the loop checks the length
    out.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** CPU seconds used so far by the tree under `root`. */
export function treeCpuSeconds(root: number): number {
  return tree(root).reduce((sum, pid) => sum + (stat(pid)?.ticks ?? 0), 0) / TICK;
}

/** Resident memory of the tree under `root`, in MB. */
export function treeRssMb(root: number): number {
  let kb = 0;
  for (const pid of tree(root)) {
    try {
      const m = /^VmRSS:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) kb += Number(m[1]);
    } catch {
      // it ended meanwhile
    }
  }
  return kb / 1024;
}
