// Integration tests run on a real PostgreSQL server chosen by scripts/test-suite.ts
// (the embedded one, then the external one): TEST_PG_SERVER_URL. Each test file gets
// its own database, a copy of one migrated once per run (test/integration/global-setup.ts),
// so files can run in parallel and no file pays for the schema engine.
import pg from "pg";
import { afterEach, inject } from "vitest";
import { createScratchDatabase, dropDatabase } from "@/scripts/lib/database";
import { createPrismaClient, type Db } from "@/lib/server/prisma";
import type { CurrentUser } from "@/lib/auth/guard";
import { createRegion } from "@/lib/server/regions/create-region";
import { createReport } from "@/lib/server/reports/create-report";
import { formatDecimal } from "@/lib/templates/decimal";

export function serverUrl(): string {
  const url = process.env.TEST_PG_SERVER_URL;
  if (!url) throw new Error("TEST_PG_SERVER_URL is not set: run the integration tests through `npm test`.");
  return url;
}

/** The migrated database each file's database is copied from (made by global-setup.ts). */
export function templateUrl(): string {
  const url = inject("pgTemplateUrl");
  if (!url) throw new Error("no migrated template database: test/integration/global-setup.ts did not run (TEST_PG_SERVER_URL unset?)");
  return url;
}

/** The first row of one query, on a connection of its own (to a database other than the file's). */
export async function scalar(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows[0];
  } finally {
    await c.end();
  }
}

/** Puts DATABASE_URL back as it was after each test of the file (for tests that choose a database by it). */
export function restoreDatabaseUrlAfterEach() {
  const saved = process.env.DATABASE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  });
}

export async function freshDatabase(prefix = "govreports_it"): Promise<{ url: string; db: Db; drop(): Promise<void> }> {
  const url = await createScratchDatabase(serverUrl(), prefix, templateUrl());
  const db = createPrismaClient(url);
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      await dropDatabase(url);
    },
  };
}

/**
 * An administrator (with the given password hash) and the region chain 宁夏回族自治区 → 银川市 →
 * 贺兰县, made through the real operation: the start of the administration tests.
 */
export async function adminAndHelanCounty(db: Db, passwordHash = "x"): Promise<{ id: string; role: "ADMIN" }> {
  const a = await db.user.create({ data: { username: "admin", displayName: "管理员", role: "ADMIN", passwordHash } });
  const admin = { id: a.id, role: "ADMIN" as const };
  for (const r of [
    { code: "640000", name: "宁夏回族自治区", parentCode: "" },
    { code: "640100", name: "银川市", parentCode: "640000" },
    { code: "640122", name: "贺兰县", parentCode: "640100" },
  ]) {
    const made = await createRegion(db, admin, r);
    if (!made.ok) throw new Error(`createRegion ${r.code}: ${JSON.stringify(made)}`);
  }
  return admin;
}

/** A user made straight in the database, as a session carries it. */
export async function testUser(db: Db, username: string, role: CurrentUser["role"], extra: { displayName?: string; agencyId?: string; regionCode?: string } = {}): Promise<CurrentUser> {
  const { displayName = username, agencyId, regionCode } = extra;
  const u = await db.user.create({ data: { username, displayName, role, passwordHash: "x", agencyId, regionCode } });
  return { id: u.id, username, displayName, role, regionCode: u.regionCode, agencyId: u.agencyId, mustChangePassword: false };
}

/** 贺兰县 (640122) and its townships, 习岗镇 (640122100000) first: where the filing tests start. */
export async function helanTownships(db: Db, more: [code: string, name: string][] = []) {
  await db.region.create({ data: { code: "640122", name: "贺兰县", level: "COUNTY", path: "640122/" } });
  const agencies = [];
  for (const [code, name] of [["640122100000", "贺兰县习岗镇"], ...more]) agencies.push(await db.agency.create({ data: { code: code!, name: name!, kind: "TOWNSHIP", regionCode: "640122" } }));
  return agencies;
}

/** 习岗镇's clerk c1 with the 2024 (2021 template) report in draft. */
export async function clerkWithDraft(db: Db) {
  const [agency] = await helanTownships(db);
  await db.reportingYear.create({ data: { year: 2024, template: "T2021", open: true } });
  const clerk = await testUser(db, "c1", "CLERK", { displayName: "经办人", agencyId: agency!.id });
  const created = await createReport(db, clerk, { year: 2024 });
  if (!created.ok) throw new Error(created.message);
  return { clerk, agency: agency!, reportId: created.reportId };
}

/** RegionCellTotal of a region and year: cell id → decimal text. */
export async function rollupOf(db: Db, code: string, year: number) {
  const rows = await db.$queryRaw<{ id: string; value: string }[]>`
    SELECT "section"::text || '/' || "row" || '/' || "column" AS id, "value"::text AS value
    FROM "RegionCellTotal" WHERE "regionCode" = ${code} AND "year" = ${year}`;
  return Object.fromEntries(rows.map((r) => [r.id, formatDecimal(r.value)]));
}

/** SUM by PostgreSQL over the current published snapshot of every report under the region. */
export async function sumOverPublishedOf(db: Db, code: string, year: number) {
  const rows = await db.$queryRaw<{ id: string; value: string }[]>`
    WITH "current" AS (
      SELECT DISTINCT ON ("reportId") "reportId", "document" FROM "PublishedVersion" ORDER BY "reportId", "versionNo" DESC
    )
    SELECT s.key || '/' || rw.key || '/' || cl.key AS id, SUM(COALESCE((cl.value #>> '{}')::numeric, 0))::text AS value
    FROM "current" c
    JOIN "Report" r ON r.id = c."reportId"
    JOIN "Region" g ON g.code = c.document -> 'agency' -> 'region' ->> 'code'
    CROSS JOIN LATERAL jsonb_each(c.document) AS s(key, value)
    CROSS JOIN LATERAL jsonb_each(s.value) AS rw(key, value)
    CROSS JOIN LATERAL jsonb_each(rw.value) AS cl(key, value)
    WHERE s.key IN ('proactive', 'applications', 'reviewLitigation') AND r.year = ${year}
      AND g.path LIKE (SELECT path FROM "Region" WHERE code = ${code}) || '%'
    GROUP BY 1`;
  return Object.fromEntries(rows.map((r) => [r.id, formatDecimal(r.value)]));
}
