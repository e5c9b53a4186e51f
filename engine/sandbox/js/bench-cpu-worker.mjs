// @ts-check
/**
 * Benchmark helper (bench-sandbox.mts), not used by the sandbox: runs the real worker
 * (`BENCH_WORKER`, default ./worker.mjs) and answers "cpu" on a BroadcastChannel with this
 * thread's CPU time (Linux /proc/thread-self/stat: utime + stime, in clock ticks).
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const channel = new BroadcastChannel("lathe-bench-cpu");
channel.onmessage = () => {
  const fields = readFileSync("/proc/thread-self/stat", "utf8").split(") ")[1].split(" ");
  channel.postMessage(Number(fields[11]) + Number(fields[12]));
};
/** @type {any} */ (channel).unref?.();
await import(process.env.BENCH_WORKER ? pathToFileURL(process.env.BENCH_WORKER).href : "./worker.mjs");
