import pg from "pg";

/**
 * Which published version of a report is current: one indexed query, remembered for at most
 * one second. Everything public about a report is cached under a key that includes this
 * version number, so a publication or correction made through any app instance shows on
 * every instance within a second, with no cross-instance invalidation needed.
 */
const TTL_MS = 1000;
const remembered = new Map<string, { versionNo: number; until: number }>();

const globalPool = globalThis as unknown as { __govreportsRefPool?: pg.Pool };
function pool() {
  if (!globalPool.__govreportsRefPool) {
    const p = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
    // an idle connection the server closed (a restart, a dropped database) must not crash the
    // process: the pool discards it and the next query opens another
    p.on("error", () => {});
    globalPool.__govreportsRefPool = p;
  }
  return globalPool.__govreportsRefPool;
}

export async function currentVersionNo(code: string, year: number): Promise<number | null> {
  const key = `${code}/${year}`;
  const now = Date.now();
  const hit = remembered.get(key);
  if (hit && hit.until > now) return hit.versionNo;
  const { rows } = await pool().query<{ v: number | null }>(
    `SELECT max(v."versionNo") AS v FROM "PublishedVersion" v
       JOIN "Report" r ON r.id = v."reportId" JOIN "Agency" a ON a.id = r."agencyId"
      WHERE a.code = $1 AND r.year = $2`,
    [code, year],
  );
  const versionNo = rows[0]?.v ?? null;
  // only a found version is remembered: a report published a moment ago must not stay 404
  if (versionNo === null) remembered.delete(key);
  else remembered.set(key, { versionNo, until: now + TTL_MS });
  if (remembered.size > 10_000) remembered.clear();
  return versionNo;
}

const rememberedRegions = new Map<string, { stamp: string; until: number }>();

/**
 * The key under which a region's statistics page is cached: the sum of its roll-up rows'
 * revisions (every publication or correction under the region bumps one of them inside its
 * transaction, and a row's bumps are serialised by its lock, so the sum grows with every
 * commit) and the count of changes to the region and agency directory (names, new
 * agencies). One indexed query, remembered for at most one second; null for no such region.
 */
export async function currentRegionStamp(code: string): Promise<string | null> {
  const now = Date.now();
  const hit = rememberedRegions.get(code);
  if (hit && hit.until > now) return hit.stamp;
  const { rows } = await pool().query<{ revisions: string | null; directory: string | null }>(
    `SELECT (SELECT sum(y."revision") FROM "RegionYearTotal" y WHERE y."regionCode" = $1)::text AS revisions,
            (SELECT s."value" FROM "PublicDirectoryStamp" s WHERE s."id" = 1)::text AS directory
      WHERE EXISTS (SELECT 1 FROM "Region" g WHERE g."code" = $1)`,
    [code],
  );
  const row = rows[0];
  if (!row) {
    rememberedRegions.delete(code);
    return null;
  }
  const stamp = `${row.revisions ?? 0}.${row.directory ?? 0}`;
  rememberedRegions.set(code, { stamp, until: now + TTL_MS });
  if (rememberedRegions.size > 10_000) rememberedRegions.clear();
  return stamp;
}
