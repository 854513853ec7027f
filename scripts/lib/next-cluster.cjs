// @ts-check
// Runs `next start` in WEB_CONCURRENCY processes (default: one per core) sharing one port, so the
// app uses every core of its machine: one Node process answers on one core, and a report page
// hit costs about 1 ms of it. Usage: node next-cluster.cjs -p PORT (what scripts/serve.ts runs).
//
// What the processes must agree on:
// - Nothing about Next's route cache: every cached public page lives under a path that names
//   its published version or stamp (proxy.ts), and each process keeps the pages it rendered in
//   its own memory (lib/server/cache/route-cache-handler.mjs), never in files under .next/ that
//   another process could read half-written.
// - The remembered page keys (lib/server/cache/published-ref.ts). The process that commits a
//   publication forgets its own at once and tells the primary, which relays it to the others, so a
//   report published through one process shows on the next request, whichever process answers.
//   Separate app instances (other machines) still catch up within the second.
"use strict";
/** @type {import("node:cluster").Cluster} (the module's default export: the typings describe it apart) */
const cluster = /** @type {any} */ (require("node:cluster"));
const os = require("node:os");
const path = require("node:path");

const { CLUSTER_ENV, FORGET_PUBLIC_REFS } = require("../../lib/server/cache/process-wiring.cjs");
const { installResponseCache } = require("../../lib/server/cache/response-cache.cjs");
const nextBin = path.join(__dirname, "../../node_modules/next/dist/bin/next");
const args = process.argv.slice(2);

function workerCount() {
  const configured = Number(process.env.WEB_CONCURRENCY);
  if (Number.isInteger(configured) && configured > 0) return configured;
  // one per core; the database (often on the same machine) and the OS have the rest of the time
  return Math.max(1, os.availableParallelism());
}

if (cluster.isPrimary && workerCount() === 1) {
  // one process: plain `next start` in this process, with the public pages' response cache in
  // front of it (lib/server/cache/response-cache.cjs)
  installResponseCache();
  process.argv = [process.argv[0], nextBin, "start", ...args];
  require(nextBin);
} else if (cluster.isPrimary) {
  const count = workerCount();
  // the young generation's semi-space at 16 MB: with 64 MB a busy process scavenged less often
  // (about 10 % more report-page hits per second here), but each scavenge of editor pages'
  // garbage paused it 45–55 ms, every save in flight on it waiting (P4's tail, twenty clerks
  // saving: p95 90–150 ms with 64 MB, 64–76 ms with 16 MB, pauses at most 21 ms); NODE_OPTIONS
  // may set another size
  const semiSpace = /--max-semi-space-size/.test(`${process.env.NODE_OPTIONS ?? ""} ${process.execArgv.join(" ")}`) ? [] : ["--max-semi-space-size=16"];
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...semiSpace] });
  let stopping = false;
  const listening = new Set();
  /** @type {number[]} when each restart happened (ms) */
  const restarts = [];

  const fork = () => {
    // GOVREPORTS_CLUSTER: forgetPublicRefs tells the primary (lib/server/cache/published-ref.ts)
    const worker = cluster.fork({ [CLUSTER_ENV]: "1" });
    worker.on("listening", () => listening.add(worker.id));
    worker.on("message", (/** @type {{ type?: unknown } | null} */ message) => {
      if (message && message.type === FORGET_PUBLIC_REFS) {
        for (const other of Object.values(cluster.workers ?? {})) if (other && other !== worker) other.send(message);
      }
    });
  };

  /** @param {number} code */
  const stopAll = (code) => {
    stopping = true;
    process.exitCode = code;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill("SIGTERM");
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(code);
  };

  cluster.on("exit", (worker, code, signal) => {
    const served = listening.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    const how = signal ?? `退出码 ${code}`;
    // one that never listened (a bad build, the port in use) would fail again: stop, loudly;
    // so would one that keeps dying
    const now = Date.now();
    while (restarts.length && restarts[0] < now - 60_000) restarts.shift();
    if (!served || restarts.length >= 5) {
      console.error(`✗ 应用进程 ${worker.process.pid} ${served ? "一分钟内反复退出" : "未能启动"}（${how}），停止全部进程`);
      return stopAll(1);
    }
    restarts.push(now);
    console.error(`! 应用进程 ${worker.process.pid} 已退出（${how}），正在重启`);
    fork();
  });

  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => stopAll(0));

  for (let i = 0; i < count; i++) fork();
} else {
  // (lib/server/cache/published-ref.ts listens for the primary's relayed messages itself)
  installResponseCache();
  process.argv = [process.argv[0], nextBin, "start", ...args];
  require(nextBin);
}
