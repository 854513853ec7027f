// Runs once when a server process starts (Next's instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // the public pages' response cache in front of Next (lib/server/cache/response-cache.cjs)
    // asks this for its keys
    const { registerResponseCacheKey } = await import("./lib/server/cache/response-cache-key");
    registerResponseCacheKey();
    // a converter worker ready before the first 从文件导入 (lib/documents/convert-pool.ts)
    const { prewarmConvertPool } = await import("./lib/documents/convert-pool");
    prewarmConvertPool();
  }
}
