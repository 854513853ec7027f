/**
 * Conversions of uploaded files, off the main thread: each runs in a worker thread
 * (./convert-worker.ts) with a heap limit and a time budget (../limits.ts), so a file that
 * slipped past the limits of the readers costs one worker, never the server's memory or its
 * event loop. At most `size` conversions run at once in this process (the rest wait briefly,
 * then get 503) and at most one per user (429).
 *
 * The worker is loaded the way the code runs: under Next (`next build` / `next start`, and
 * `next dev`) Turbopack bundles `new Worker(new URL("./convert-worker.ts", import.meta.url))` as
 * an entry of its own (Next 16.2+); under tsx (the CLI) and vitest the sources run as they are,
 * and since Node 20 loads no .ts in a worker and a worker does not inherit tsx's loader, the
 * worker starts with tsx's tsImport.
 */
import os from "node:os";
import { Worker, type ResourceLimits } from "node:worker_threads";
import type { ConvertibleKind } from "./convert";
import type { ConvertJob, ConvertOutcome } from "./convert-worker";
import { CONVERT_LIMITS, ConvertLimitError } from "./limits";
import { UnreadableFileError } from "./read/errors";
import { processWide } from "@/lib/process-wide";
import type { ConvertOptions, ConvertResult } from "./read/report-reader";

/** The server is busy: this user's earlier file is still converting (429), or every worker is (503). */
export class ConvertBusyError extends UnreadableFileError {
  constructor(
    message: string,
    readonly status: 429 | 503,
  ) {
    super(message);
    this.name = "ConvertBusyError";
  }
}

/** Conversions at once in this process: the cores shared by the processes of the cluster, at least 1. */
export function poolSize(): number {
  const configured = Number(process.env.CONVERT_CONCURRENCY);
  if (Number.isInteger(configured) && configured > 0) return configured;
  const cores = os.availableParallelism();
  // scripts/lib/next-cluster.cjs runs WEB_CONCURRENCY processes (default one per core)
  const processes = process.env.GOVREPORTS_CLUSTER === "1" ? Number(process.env.WEB_CONCURRENCY) || cores : 1;
  return Math.max(1, Math.min(4, Math.floor(cores / processes)));
}

/** How long a conversion waits for a free worker before 503, and how many may wait. */
const WAIT_MS = 2_000;
const MAX_WAITING = 8;
/**
 * A worker idle this long is ended (its memory given back), except the last idle one: starting a
 * worker (loading the converter's modules) takes about a second, more on a busy machine, and the
 * first file after a quiet minute should not pay it.
 */
const IDLE_MS = 60_000;
/** Loading the converter's modules in a new worker (seconds under tsx on a busy machine). */
const START_MS = 60_000;

const RESOURCE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: CONVERT_LIMITS.workerHeapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };

interface PooledWorker {
  worker: Worker;
  ready: Promise<void>;
  idleTimer?: NodeJS.Timeout;
  exited?: boolean;
}

interface PoolState {
  active: number;
  idle: PooledWorker[];
  waiting: (() => void)[];
  users: Set<string>;
}

// one pool per process, whichever bundle of the app imports this module
const state = processWide<PoolState>("convertPool", () => ({ active: 0, idle: [], waiting: [], users: new Set() }));

function spawn(): PooledWorker {
  const options = { workerData: { govreportsConvert: true }, resourceLimits: RESOURCE_LIMITS, stdout: false, stderr: false };
  let worker: Worker;
  if (process.env.NEXT_RUNTIME) {
    worker = new Worker(new URL("./convert-worker.ts", import.meta.url), options);
  } else {
    const target = import.meta.url.replace(/convert-pool\.[cm]?[jt]s$/, "convert-worker.ts");
    const boot = `import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(target)}, ${JSON.stringify(import.meta.url)}))`;
    worker = new Worker(boot, { ...options, eval: true });
  }
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("转换进程启动超时")), START_MS);
    const done = (e?: Error) => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", done);
      worker.off("exit", onExit);
      if (e) reject(e);
      else resolve();
    };
    const onMessage = (m: unknown) => (m as { ready?: boolean })?.ready && done();
    const onExit = (code: number) => done(new Error(`转换进程启动时退出（${code}）`));
    worker.on("message", onMessage);
    worker.once("error", done);
    worker.once("exit", onExit);
  });
  // no unhandled rejection when nobody awaits a failed start
  ready.catch(() => {});
  const pooled: PooledWorker = { worker, ready };
  worker.once("exit", () => {
    pooled.exited = true;
    clearTimeout(pooled.idleTimer);
    const i = state.idle.indexOf(pooled);
    if (i >= 0) state.idle.splice(i, 1);
  });
  return pooled;
}

async function acquire(waitMs: number): Promise<void> {
  if (state.active < poolSize()) {
    state.active++;
    return;
  }
  const busy = () => new ConvertBusyError(`服务器正忙：同时转换的文件已达上限（${poolSize()} 个），请稍后再试。`, 503);
  if (state.waiting.length >= MAX_WAITING || waitMs <= 0) throw busy();
  await new Promise<void>((resolve, reject) => {
    const wake = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      state.waiting.splice(state.waiting.indexOf(wake), 1);
      reject(busy());
    }, waitMs);
    state.waiting.push(wake);
  });
}

function release() {
  const next = state.waiting.shift();
  // the slot passes to the next waiter as it is
  if (next) next();
  else state.active--;
}

function park(w: PooledWorker) {
  if (w.exited) return;
  if (state.idle.length > 0) {
    w.idleTimer = setTimeout(() => void w.worker.terminate(), IDLE_MS);
    w.idleTimer.unref();
  }
  w.worker.unref();
  state.idle.push(w);
}

/** Runs one job in a ready worker; the worker is parked again, or ended when it failed or ran out of time. */
async function runJob(w: PooledWorker, job: ConvertJob, timeBudgetMs: number): Promise<ConvertOutcome> {
  await w.ready;
  w.worker.ref();
  return new Promise<ConvertOutcome>((resolve, reject) => {
    const finish = (outcome: ConvertOutcome | null, error?: Error) => {
      clearTimeout(timer);
      w.worker.off("message", onMessage);
      w.worker.off("error", onError);
      w.worker.off("exit", onExit);
      if (outcome) {
        park(w);
        resolve(outcome);
      } else {
        void w.worker.terminate();
        reject(error);
      }
    };
    const onMessage = (m: ConvertOutcome) => finish(m);
    const onError = (e: Error & { code?: string }) =>
      finish(
        null,
        e.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? new ConvertLimitError(`文件过于复杂：转换所需内存超过 ${CONVERT_LIMITS.workerHeapMb} MB 的上限，已停止`, "workerHeapMb")
          : new UnreadableFileError("文件无法转换：转换过程意外中止"),
      );
    const onExit = () => finish(null, new UnreadableFileError("文件无法转换：转换过程意外中止"));
    const timer = setTimeout(
      () => finish(null, new ConvertLimitError(`文件过于复杂：转换超过 ${timeBudgetMs / 1000} 秒的时限，已停止`, "timeBudgetMs")),
      timeBudgetMs,
    );
    w.worker.on("message", onMessage);
    w.worker.once("error", onError);
    w.worker.once("exit", onExit);
    w.worker.postMessage(job);
  });
}

/** Starts a worker ahead of the first upload (instrumentation.ts, when a server process starts). */
export function prewarmConvertPool() {
  if (state.idle.length || state.active) return;
  const w = spawn();
  w.ready.then(
    () => park(w),
    () => void w.worker.terminate(),
  );
}

export interface ConvertInWorkerOptions {
  /** who asks (a user id): one conversion per user at a time */
  user?: string;
  /** the conversion's time budget (default CONVERT_LIMITS.timeBudgetMs) */
  timeBudgetMs?: number;
  /** how long to wait for a free worker before 503 (default 2 s) */
  waitMs?: number;
}

/**
 * convertDocument (./convert.ts) in a worker thread of the pool. Throws UnreadableFileError
 * (ConvertLimitError for a limit, ConvertBusyError when busy) with the message for the user.
 */
export async function convertInWorker(
  bytes: Uint8Array,
  options: ConvertOptions = {},
  { user, timeBudgetMs = CONVERT_LIMITS.timeBudgetMs, waitMs = WAIT_MS }: ConvertInWorkerOptions = {},
): Promise<ConvertResult & { kind: ConvertibleKind }> {
  if (user !== undefined) {
    if (state.users.has(user)) throw new ConvertBusyError("您已有一个文件正在转换，请等它完成后再导入下一个。", 429);
    state.users.add(user);
  }
  try {
    await acquire(waitMs);
    try {
      const pooled = state.idle.pop();
      if (pooled) clearTimeout(pooled.idleTimer);
      let outcome: ConvertOutcome;
      try {
        outcome = await runJob(pooled ?? spawn(), { bytes, options }, timeBudgetMs);
      } catch (e) {
        if (e instanceof UnreadableFileError) throw e;
        // the worker could not start: a fault of the server, not of the file
        throw new Error(`convert worker: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
      if (outcome.ok) return outcome.result;
      if (outcome.unreadable) throw outcome.limit ? new ConvertLimitError(outcome.message, outcome.limit as ConvertLimitError["limit"]) : new UnreadableFileError(outcome.message);
      throw new Error(`convert worker: ${outcome.message}`);
    } finally {
      release();
    }
  } finally {
    if (user !== undefined) state.users.delete(user);
  }
}
