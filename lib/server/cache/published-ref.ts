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
  return (globalPool.__govreportsRefPool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 }));
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
