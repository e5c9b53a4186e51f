// @ts-check
/**
 * Test fixture for pool.test.ts: a worker that says it is ready, then blocks its thread forever
 * on the first request, like a sandbox stuck in native code the interrupt handler cannot reach.
 * Only the pool's hard deadline (worker.terminate) can end it. It speaks protocol.ts.
 * @typedef {import("./protocol").RunRequest} RunRequest
 * @typedef {import("./protocol").WorkerFrame} WorkerFrame
 */
import { parentPort } from "node:worker_threads";

const port = parentPort;
if (!port) throw new Error("must run in a worker thread");
/** @param {WorkerFrame} frame */
const post = (frame) => port.postMessage(frame);
post({ type: "ready", stats: { runs: 0, engines: 0, engineFailures: 0, disposed: 0, disposeFailures: 0, runtimes: 0 } });
port.on("message", (/** @type {RunRequest} */ req) => {
  if (req.source === "answer") {
    const stats = { runs: 1, engines: 0, engineFailures: 0, disposed: 0, disposeFailures: 0, runtimes: 0 };
    post({ type: "answer", id: req.id, answer: { ok: true, value: "42", logs: [], logsTruncated: false }, stats });
    return;
  }
  for (;;) {
    // blocked: no message, no event loop turn
  }
});
