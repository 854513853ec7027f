/**
 * The worker thread of ./convert-pool.ts: converts one file and posts the outcome. It runs
 * under the heap limit and time budget the pool gives it; the limits of the file itself are
 * ./limits.ts, applied by convertDocument.
 */
import { parentPort, workerData } from "node:worker_threads";
import { convertDocument } from "./convert";
import type { ConvertOptions } from "./read/report-reader";
import { UnreadableFileError } from "./read/errors";

export interface ConvertJob {
  bytes: Uint8Array;
  options: ConvertOptions;
}

export type ConvertOutcome =
  | { ok: true; result: Awaited<ReturnType<typeof convertDocument>> }
  | { ok: false; unreadable: true; message: string; limit?: string }
  | { ok: false; unreadable: false; message: string };

async function run(job: ConvertJob): Promise<ConvertOutcome> {
  try {
    return { ok: true, result: await convertDocument(job.bytes, job.options) };
  } catch (e) {
    if (e instanceof UnreadableFileError) return { ok: false, unreadable: true, message: e.message, limit: (e as { limit?: string }).limit };
    return { ok: false, unreadable: false, message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

// one job at a time (the pool sends the next only after this one's answer); "ready" once every
// module is loaded, so that the time budget counts the conversion, not the start
if (parentPort && workerData?.govreportsConvert) {
  const port = parentPort;
  port.on("message", (job: ConvertJob) => {
    void run(job).then((outcome) => port.postMessage(outcome));
  });
  port.postMessage({ ready: true });
}
