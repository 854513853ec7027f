// One render of a public page, whatever the number of processes and instances asking for it at
// once. Each process keeps its own route cache (./route-cache-handler.mjs); without this, a
// newly published page asked for by every process at the same moment (a link sent to a whole
// county) was rendered by each. The first process to miss a page claims it in PostgreSQL and
// renders it; the others, and other requests in the same process, wait for the stored result
// and take it from there. Only the stamp-keyed pages (what proxy.ts rewrites to) are handed on,
// under the build's id (their HTML names the build's assets). The claim is renewed every second
// while the page renders; one not renewed for 10 s (its process gone) is taken over. A stored
// page is kept a week: a report's page is rendered when it is published (lib/server/public/prerender-page.ts),
// and its readers' first views in every process are reads of it; a claim never completed is
// dropped after a few minutes. Any database error falls back to rendering: never a failed page.
import v8 from "node:v8";

/** a claim not renewed for this long is taken over (its process died or stopped rendering) */
const STALE_MS = 10_000;
/** the claiming process renews its claim this often while it renders */
const RENEW_MS = 1_000;
/** the longest a render is waited for, however often it is renewed */
const MAX_RENDER_MS = 30_000;
/** how often a waiting process looks for the page */
const POLL_MS = 25;
/** how long a claim never completed is kept (its process gone) */
const KEEP_MINUTES = 5;
/**
 * how long a stored report page is kept (the listings' pages, under stamps that change with every
 * publication, a few minutes): report pages are rendered at publication (lib/server/public/prerender-page.ts)
 * for readers who come in the days after; a process asking later still renders it once for itself
 */
const KEEP_DAYS = 7;

/**
 * @param {{ url?: string, buildId: string, shared?: (key: string) => boolean, pool?: any, staleMs?: number, maxRenderMs?: number }} options
 */
export function createSharedRender({ url, buildId, shared = () => true, pool: given, staleMs = STALE_MS, maxRenderMs = MAX_RENDER_MS }) {
  let pool = given ?? null;
  /** key → the page being rendered in this process: resolved by store() (or with null on timeout) */
  const pending = new Map();

  async function db() {
    if (pool) return pool;
    if (!url) return null;
    const { default: pg } = await import("pg");
    pool = new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true });
    // an idle client's error (the server restarting) must not end the process
    pool.on("error", () => {});
    return pool;
  }

  const rowKey = (key) => `${buildId}:${key}`;

  function waitLocally(key) {
    let entry = pending.get(key);
    if (!entry) {
      let resolve;
      const promise = new Promise((r) => (resolve = r));
      const timer = setTimeout(() => settle(key, null), maxRenderMs);
      timer.unref?.();
      entry = { promise, resolve, timer, renew: null };
      pending.set(key, entry);
    }
    return entry;
  }

  function settle(key, value) {
    const entry = pending.get(key);
    if (!entry) return;
    pending.delete(key);
    clearTimeout(entry.timer);
    if (entry.renew) clearInterval(entry.renew);
    entry.resolve(value);
  }

  /**
   * For a page this process does not hold: `{ render: true }` when this request is to render
   * it (call store() with the result), else `{ render: false, value }` with the page another
   * request rendered (value null when it never came: render then).
   */
  async function claim(key) {
    if (!shared(key)) return { render: true };
    // another request of this process is rendering it
    const local = pending.get(key);
    if (local) return { render: false, value: await local.promise };
    waitLocally(key);
    try {
      const p = await db();
      if (!p) return { render: true };
      for (const until = Date.now() + maxRenderMs; ; ) {
        const { rows } = await p.query(
          `WITH claimed AS (
             INSERT INTO "RenderedPage" ("key", "claimedAt") VALUES ($1, now())
             ON CONFLICT ("key") DO UPDATE SET "claimedAt" = now()
              WHERE "RenderedPage"."value" IS NULL AND "RenderedPage"."claimedAt" < now() - $2 * interval '1 millisecond'
             RETURNING 1)
           SELECT (SELECT count(*) FROM claimed)::int AS claimed, (SELECT "value" FROM "RenderedPage" WHERE "key" = $1) AS value`,
          [rowKey(key), staleMs],
        );
        const row = rows[0];
        if (row?.claimed) {
          // renewed while this process renders, so that a slow render is not taken over
          const local = pending.get(key);
          if (local) {
            local.renew = setInterval(() => {
              p.query(`UPDATE "RenderedPage" SET "claimedAt" = now() WHERE "key" = $1 AND "value" IS NULL`, [rowKey(key)]).catch(() => {});
            }, RENEW_MS);
            local.renew.unref?.();
          }
          return { render: true };
        }
        if (row?.value) {
          const value = v8.deserialize(row.value);
          settle(key, value);
          return { render: false, value };
        }
        if (Date.now() > until) break;
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    } catch {
      // rendering it here is always right
    }
    settle(key, null);
    return { render: true };
  }

  /** The page this process rendered: handed to the requests waiting here and to the other processes. */
  async function store(key, value) {
    if (!shared(key)) return;
    settle(key, value);
    try {
      const p = await db();
      if (!p) return;
      await p.query(
        `INSERT INTO "RenderedPage" ("key", "value", "renders", "storedAt") VALUES ($1, $2, 1, now())
         ON CONFLICT ("key") DO UPDATE SET "value" = EXCLUDED."value", "renders" = "RenderedPage"."renders" + 1, "storedAt" = now()`,
        [rowKey(key), v8.serialize(value)],
      );
      if (Math.random() < 0.02) {
        await p.query(
          `DELETE FROM "RenderedPage" WHERE "claimedAt" < now() - $1 * interval '1 minute'
             AND ("value" IS NULL OR "key" NOT LIKE '%/published/%' OR "storedAt" < now() - $2 * interval '1 day')`,
          [KEEP_MINUTES, KEEP_DAYS],
        );
      }
    } catch {
      // the others render it themselves
    }
  }

  /** Forgets a claim this process will not complete (the render failed or was not stored). */
  function abandon(key) {
    settle(key, null);
  }

  async function close() {
    for (const key of [...pending.keys()]) settle(key, null);
    if (pool && !given) await pool.end();
    pool = null;
  }

  return { claim, store, abandon, close };
}
