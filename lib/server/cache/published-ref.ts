import pg from "pg";
import { CLUSTER_ENV, FORGET_PUBLIC_REFS } from "./process-wiring.cjs";

// The keys of the cached public pages, read by proxy.ts on every request: which published
// version of a report is current, and a region's stamp. Each is one indexed query, remembered
// for at most one second. Everything public is cached under a key that includes them, so a
// publication or correction made through any app instance shows on every instance within a
// second, with no cross-instance invalidation needed.
const TTL_MS = 1000;

/** a remembered key is looked up again this long after it was asked for, while it is still served */
const REFRESH_AFTER_MS = TTL_MS / 2;

interface Remembered<T> {
  value: Promise<T>;
  until: number;
  /** when to start looking it up again in the background */
  refreshAt: number;
  /** the lookup started at refreshAt */
  next?: Remembered<T>;
  /** its value is known (and not null) */
  ready?: boolean;
}

/**
 * The value of `load()` for `key`, remembered for at most TTL_MS from the moment it was asked
 * for. Callers that arrive while the query runs share it: under load, one query per key and
 * second, never a queue of identical ones. Only a non-null value is kept once known (a report
 * published a moment ago must not stay 404); a failed query is forgotten.
 *
 * Half-way through, the first caller starts the next lookup and is still answered with the
 * current value, which the new one replaces once known: under steady load no request waits for
 * the query (every request of a busy process waited for it once a second, and on a loaded
 * machine that query's time showed in the page's p99). The value served is never older than
 * TTL_MS, as before.
 */
function remember<T>(memo: Map<string, Remembered<T | null>>, key: string, load: () => Promise<T | null>): Promise<T | null> {
  const now = Date.now();
  let hit = memo.get(key);
  // the lookup started half-way: the value once it is known, or (shared while it runs) once the current one has expired
  if (hit?.next && (hit.next.ready || hit.until <= now)) {
    hit = hit.next;
    memo.set(key, hit);
  }
  if (hit && hit.until > now) {
    if (hit.ready && now >= hit.refreshAt && !hit.next) hit.next = track(memo, key, { value: load(), until: now + TTL_MS, refreshAt: now + REFRESH_AFTER_MS });
    return hit.value;
  }
  const entry = track(memo, key, { value: load(), until: now + TTL_MS, refreshAt: now + REFRESH_AFTER_MS });
  if (memo.size >= 10_000) memo.clear();
  memo.set(key, entry);
  return entry.value;
}

/** Forgets `entry` when its lookup fails or finds nothing, wherever it is held. */
function track<T>(memo: Map<string, Remembered<T | null>>, key: string, entry: Remembered<T | null>) {
  const forget = () => {
    const held = memo.get(key);
    if (held === entry) memo.delete(key);
    else if (held?.next === entry) {
      // the current value serves out its second; no second background lookup for it
      held.next = undefined;
      held.refreshAt = Infinity;
    }
  };
  entry.value.then((v) => (v === null ? forget() : (entry.ready = true)), forget);
  return entry;
}

// on globalThis: proxy.ts and the app's server code are bundled apart, and the server actions
// that forget (forgetPublicRefs) must reach the maps that proxy.ts reads
type Memo<T> = Map<string, Remembered<T | null>>;
const shared = globalThis as unknown as { __govreportsPublicRefs?: { versions: Memo<number>; regions: Memo<string>; agencies: Memo<string>; home: Memo<string> } };
shared.__govreportsPublicRefs ??= { versions: new Map(), regions: new Map(), agencies: new Map(), home: new Map() };
const remembered = shared.__govreportsPublicRefs.versions;

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

export function currentVersionNo(code: string, year: number): Promise<number | null> {
  return remember(remembered, `${code}/${year}`, async () => {
    const { rows } = await pool().query<{ v: number | null }>(
      `SELECT max(v."versionNo") AS v FROM "PublishedVersion" v
         JOIN "Report" r ON r.id = v."reportId" JOIN "Agency" a ON a.id = r."agencyId"
        WHERE a.code = $1 AND r.year = $2`,
      [code, year],
    );
    return rows[0]?.v ?? null;
  });
}

const rememberedRegions = shared.__govreportsPublicRefs.regions;

/**
 * The directory part of the listings' stamps: the count of changes to regions and agencies
 * (statement triggers bump "PublicDirectoryStamp") and the reporting years (their number and last
 * update: a new year or a changed deadline changes what 应报 and 逾期 count on the listings).
 */
const DIRECTORY = `(SELECT coalesce((SELECT s."value" FROM "PublicDirectoryStamp" s WHERE s."id" = 1), 0)::text
  || '-' || (SELECT count(*) || '-' || coalesce(floor(extract(epoch FROM max(y."updatedAt")) * 1000), 0)::bigint FROM "ReportingYear" y))`;

/**
 * The key under which a region's statistics page and open data are cached: the sum of its roll-up
 * rows' revisions (every publication or correction under the region bumps one of them inside its
 * transaction, and a row's bumps are serialised by its lock, so the sum grows with every
 * commit) and the directory (names, new agencies, reporting years). One indexed query,
 * remembered for at most one second; null for no such region.
 */
export function currentRegionStamp(code: string): Promise<string | null> {
  return remember(rememberedRegions, code, async () => {
    const { rows } = await pool().query<{ revisions: string | null; directory: string | null }>(
      `SELECT (SELECT sum(y."revision") FROM "RegionYearTotal" y WHERE y."regionCode" = $1)::text AS revisions,
              ${DIRECTORY} AS directory
        WHERE EXISTS (SELECT 1 FROM "Region" g WHERE g."code" = $1)`,
      [code],
    );
    const row = rows[0];
    return row ? `${row.revisions ?? 0}.${row.directory ?? 0}` : null;
  });
}

/**
 * The key of an agency's page (/agencies/CODE): how many versions it has published (a
 * publication or correction adds one; none is ever removed) and the directory count; null
 * for no such agency.
 */
export function currentAgencyStamp(code: string): Promise<string | null> {
  return remember(shared.__govreportsPublicRefs!.agencies, code, async () => {
    const { rows } = await pool().query<{ versions: string; directory: string | null }>(
      `SELECT (SELECT count(*) FROM "PublishedVersion" v JOIN "Report" r ON r.id = v."reportId" WHERE r."agencyId" = a.id)::text AS versions,
              ${DIRECTORY} AS directory
         FROM "Agency" a WHERE a.code = $1`,
      [code],
    );
    const row = rows[0];
    return row ? `${row.versions}.${row.directory ?? 0}` : null;
  });
}

/**
 * The key of the home page (the latest publications, the region tree with its counts): the
 * revisions of the top-level regions' roll-up rows — every publication or correction bumps
 * its top-level region's — and the directory count.
 */
export function currentHomeStamp(): Promise<string | null> {
  return remember(shared.__govreportsPublicRefs!.home, "home", async () => {
    const { rows } = await pool().query<{ revisions: string | null; directory: string | null }>(
      `SELECT (SELECT sum(y."revision") FROM "RegionYearTotal" y JOIN "Region" g ON g.code = y."regionCode" WHERE g."parentCode" IS NULL)::text AS revisions,
              ${DIRECTORY} AS directory`,
    );
    const row = rows[0];
    return `${row?.revisions ?? 0}.${row?.directory ?? 0}`;
  });
}

/** one of several processes on one port (scripts/lib/next-cluster.cjs), whose primary relays messages */
const inCluster = process.env[CLUSTER_ENV] === "1" && typeof process.send === "function";

function clearRemembered() {
  for (const memo of Object.values(shared.__govreportsPublicRefs!)) memo.clear();
}

// another process of the cluster committed a publication: forget here too. Listened for once
// per process (this module is bundled into proxy.ts and into the app's server code apart).
const listener = globalThis as unknown as { __govreportsForgetListener?: boolean };
if (inCluster && !listener.__govreportsForgetListener) {
  listener.__govreportsForgetListener = true;
  process.on("message", (message: { type?: unknown } | null) => {
    if (message?.type === FORGET_PUBLIC_REFS) clearRemembered();
  });
}

/**
 * Forgets every remembered key of this instance: called after a
 * publication, correction or directory change commits here, so the person who made it sees
 * it at once (other instances within the second). In a cluster of processes on one machine
 * the primary passes the message on to the other processes, which forget at once too.
 */
export function forgetPublicRefs() {
  clearRemembered();
  if (inCluster) process.send!({ type: FORGET_PUBLIC_REFS });
}
