// A published report's public page rendered at publication, not at its first view: the publish
// transaction queues one job (it commits with the publication), and whichever server process
// takes it asks the app itself for /reports/CODE/YEAR. That request renders the page once for
// every process and instance (lib/server/cache/shared-render.mjs stores it in "RenderedPage"),
// so a reader's first view anywhere is a read of stored bytes, not a render (the bench's P1c).
// Nothing else changes: the page is the same request a reader makes, under the same key, so a
// correction still shows at once (its version is in the key) and a lost job only means the
// first reader renders it, as before.
import { localOrigin } from "@/lib/server/cache/process-wiring.cjs";
import { currentVersionNo, forgetPublicRefs } from "@/lib/server/cache/published-ref";
import { publicPageEtag, REPORT_PAGE_TWIN } from "@/lib/server/cache/public-routes";
import { enqueueJob } from "../jobs/job-queue";
import type { Db } from "../prisma";

export const PAGE_RENDER_QUEUE = "render-published-page";
/** a render that failed (the server busy, another instance not yet seeing the version) is tried again soon */
export const PAGE_RENDER_RETRY = { retryLimit: 5, retryDelay: 2, retryBackoff: true } as const;

export interface PageRenderJob {
  code: string;
  year: number;
  versionNo: number;
}

/** Queues the render of a report's page for the version just published, in the publication's transaction. */
export async function enqueuePageRender(tx: Pick<Db, "$queryRawUnsafe">, job: PageRenderJob) {
  await enqueueJob(tx, PAGE_RENDER_QUEUE, job, PAGE_RENDER_RETRY);
}

/**
 * Asks this process's own server for the page (once: the response cache and the route cache
 * take it from there). Throws when the answer is an older version's page (this instance still
 * remembering it, for at most a second): the job is retried.
 */
export async function renderPublishedPage(job: PageRenderJob, fetchPage: typeof fetch = fetch) {
  // where the response cache saw this process's server listen, else where `next start` says it does (process.env.PORT)
  const origin = localOrigin() ?? (process.env.NODE_ENV === "production" && process.env.PORT ? `http://127.0.0.1:${process.env.PORT}` : undefined);
  // no server here (a test, next dev, a script): the first reader renders it
  if (!origin) return;
  const res = await fetchPage(`${origin}/reports/${job.code}/${job.year}`, { headers: { "accept-encoding": "gzip" } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`报告页 ${job.code}/${job.year} 返回 ${res.status}`);
  if (res.headers.get("etag") === publicPageEtag(`${REPORT_PAGE_TWIN}/${job.code}/${job.year}/${job.versionNo}`)) return;
  // another version answered: a newer one (its own job renders it), or this instance still
  // remembering the previous one (for at most a second): then tried again
  forgetPublicRefs();
  const current = await currentVersionNo(job.code, job.year);
  if (current === null || current <= job.versionNo) throw new Error(`报告页 ${job.code}/${job.year} 未按第 ${job.versionNo} 版渲染，稍后重试`);
}
