// @ts-check
/**
 * Test fixture for pool.test.ts: a worker that says it is ready, then blocks its thread forever
 * on the first request, like a sandbox stuck in native code the interrupt handler cannot reach.
 * Only the pool's hard deadline (worker.terminate) can end it.
 */
import { parentPort } from "node:worker_threads";

const port = parentPort;
if (!port) throw new Error("must run in a worker thread");
port.postMessage({ t: "w", stats: { runs: 0, engines: 0, engineFailures: 0, disposed: 0, disposeFailures: 0, runtimes: 0 } });
port.on("message", (/** @type {{ id: number, source?: string }} */ req) => {
  if (req.source === "answer") {
    port.postMessage({ t: "r", id: req.id, out: JSON.stringify({ ok: true, logs: [], lt: false }) + "\n42" });
    port.postMessage({ t: "w", stats: { runs: 1, engines: 0, engineFailures: 0, disposed: 0, disposeFailures: 0, runtimes: 0 } });
    return;
  }
  for (;;) {
    // blocked: no message, no event loop turn
  }
});
