// Runs once when a server process starts (Next's instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // the public pages' response cache in front of Next (lib/server/cache/response-cache.cjs)
    // asks this for its keys
    const { registerResponseCacheKey } = await import("./lib/server/cache/response-cache-key");
    registerResponseCacheKey();
    // 保存草稿 answered in front of Next as well (lib/server/reports/draft-save-front.ts)
    const { registerDraftSaveFront } = await import("./lib/server/reports/draft-save-front");
    registerDraftSaveFront();
    // a converter worker ready before the first 从文件导入 (lib/documents/convert-pool.ts)
    const { prewarmConvertPool } = await import("./lib/documents/convert-pool");
    prewarmConvertPool();
    // the job queue (deadline reminders, notice e-mails) in every server process, never in
    // `next build`; JOBS=off leaves a process out (e.g. a read-only replica)
    if (process.env.NEXT_PHASE !== "phase-production-build" && process.env.JOBS !== "off" && process.env.DATABASE_URL) {
      const { startJobsInServer } = await import("./lib/server/jobs/start-jobs");
      const { db } = await import("./lib/server/db");
      startJobsInServer({ db }).catch((e: Error) => console.error("[jobs] 任务队列未能启动：", e.message));
    }
  }
}
