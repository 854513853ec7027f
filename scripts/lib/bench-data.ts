// Synthetic but valid data for `npm run bench`, made inside PostgreSQL with INSERT … SELECT
// generate_series (minutes, not hours, for 50,000 reports): regions, agencies, published
// reports (cells + exchange snapshots copied from the real seed report), and one county of
// 300 agencies in every workflow state for the reviewer dashboard.
import fs from "node:fs";
import pg from "pg";
import PgBoss from "pg-boss";
import { PAGE_RENDER_QUEUE, PAGE_RENDER_RETRY } from "@/lib/server/public/prerender-page";
import { hashPassword } from "@/lib/server/auth/password-hash";
import { createPrismaClient, type Db } from "@/lib/server/prisma";
import { updateRegionRollup } from "@/lib/server/statistics/update-region-rollup";
import { documentToCells, exportDocument, parseReportDocument, type ReportDocument } from "@/lib/exchange";
import { cellsOf, deriveSections, emptySections, getTemplate } from "@/lib/templates";
import { validateDocument } from "@/lib/validation";
import { SEED_REPORT_FILE } from "./seed-demo";

export interface BenchScale {
  /** a synthetic province and its published reports (region statistics) */
  provinces: { code: string; name: string; reports: number }[];
  /** the reviewer dashboard's county: agencies in mixed states */
  county: { code: string; agencies: number };
  year: number;
}

/** Two synthetic provinces of `a` and `b` published reports and the dashboard county of `agencies`. */
export const scaleOf = (a: number, b: number, agencies: number): BenchScale => ({
  provinces: [
    { code: "910000", name: "基准省甲", reports: a },
    { code: "920000", name: "基准省乙", reports: b },
  ],
  county: { code: "930101", agencies },
  year: 2020,
});

export const FULL_SCALE = scaleOf(5_000, 50_000, 300);
// the smoke run (part of `npm test`) checks that every step still runs, not how fast: small
// provinces; the county keeps its 120 agencies (40 of them with an editable report and its clerk)
export const SMOKE_SCALE = scaleOf(8, 80, 120);

export const BENCH_PASSWORD = "Bench#2026-not-secret";

/**
 * The seed report's figures with short narratives: the report page measured is the real seed
 * report itself; the synthetic ones feed region statistics, where only the figures count.
 */
function syntheticDocument(): ReportDocument {
  const parsed = parseReportDocument(JSON.parse(fs.readFileSync(SEED_REPORT_FILE, "utf8")));
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  const doc = exportDocument(parsed.doc);
  return { ...doc, narrative: { overview: "基准测试报告：总体情况。", problems: "基准测试报告：存在的主要问题及改进情况。", other: "无" } };
}

/**
 * The dashboard county's reports: a township's year in figures (the seed report leaves 三 and
 * 四 blank, and a dashboard of blank reports would compute no key figures and raise no flags),
 * times `factor`: every rule is linear, so each multiple keeps them all, and agencies given
 * different factors make a county of varied figures.
 */
function countyDocument(base: ReportDocument, factor: number): ReportDocument {
  const t = getTemplate(base.template);
  const s = emptySections(t, 0);
  // the totals blank: deriveSections computes them
  for (const cell of cellsOf(t)) if (cell.derived) s[cell.section][cell.row]![cell.column] = null;
  const a = s.applications;
  a.received!.naturalPerson = 12;
  a.received!.legal = 3;
  a.carriedOver!.naturalPerson = 1;
  a.granted!.naturalPerson = 7;
  a.granted!.legal = 2;
  a.partiallyGranted!.naturalPerson = 2;
  a["unavailable.notHeld"]!.naturalPerson = 3;
  a.carriedForward!.naturalPerson = 1;
  a.carriedForward!.legal = 1;
  s.reviewLitigation.reconsideration = { ...s.reviewLitigation.reconsideration, upheld: 1, corrected: 1 };
  s.reviewLitigation.litigationDirect = { ...s.reviewLitigation.litigationDirect, upheld: 1 };
  const times = (section: Record<string, Record<string, number | null>>) =>
    Object.fromEntries(Object.entries(section).map(([row, cols]) => [row, Object.fromEntries(Object.entries(cols).map(([col, v]) => [col, v === null ? null : v * factor]))]));
  const derived = deriveSections(t, { proactive: base.proactive, applications: s.applications, reviewLitigation: s.reviewLitigation });
  const doc = { ...base, proactive: derived.proactive, applications: times(derived.applications), reviewLitigation: times(derived.reviewLitigation) } as ReportDocument;
  const errors = validateDocument(doc, { mode: "published" }).filter((v) => v.severity === "error");
  if (errors.length) throw new Error(`基准县的合成报告不合规则：${errors.map((v) => v.message).join("；")}`);
  return doc;
}

/**
 * The region roll-up of the published reports of the agencies matching `agencyCodePattern`,
 * made by the publication's own code (updateRegionRollup), once per region and group of
 * reports alike rather than once per report: `groupBy` is an SQL expression over the agency
 * `a` and the report `r` telling which figures a report carries, `documentOf` the document of
 * a group (the region and year are set here).
 */
async function addRollup(c: pg.Client, db: Db, agencyCodePattern: string, groupBy: string, documentOf: (group: number) => ReportDocument) {
  const { rows } = await c.query<{ region: string; name: string; year: number; group: number; n: number }>(
    `SELECT g.code AS region, g.name, r.year, (${groupBy})::int AS "group", COUNT(*)::int AS n
       FROM "Report" r JOIN "Agency" a ON a.id = r."agencyId" JOIN "Region" g ON g.code = a."regionCode"
      WHERE a.code LIKE $1::text AND r.status = 'PUBLISHED' GROUP BY 1, 2, 3, 4 ORDER BY 1, 3, 4`,
    [agencyCodePattern],
  );
  for (const g of rows) {
    const doc = documentOf(g.group);
    await updateRegionRollup(db, null, { ...doc, year: g.year, agency: { ...doc.agency, region: { code: g.region, name: g.name } } }, g.n);
  }
}

/**
 * Region tree of a synthetic province: 10 cities × 10 counties, agencies spread evenly.
 * Codes are 6 digits as real divisions: 910000 → 910100 … 911000 → 910101 … 910110.
 */
async function makeProvince(c: pg.Client, db: Db, p: BenchScale["provinces"][number], year: number, doc: ReportDocument) {
  const pp = p.code.slice(0, 2);
  await c.query(
    `INSERT INTO "Region"(code, name, level, "parentCode", path, "updatedAt") VALUES ($1::text, $2::text, 'PROVINCE', NULL, $1::text || '/', now())`,
    [p.code, p.name],
  );
  await c.query(
    `INSERT INTO "Region"(code, name, level, "parentCode", path, "updatedAt")
     SELECT $1::text || lpad(i::text, 2, '0') || '00', $2::text || i || '市', 'CITY', $3::text, $3::text || '/' || $1::text || lpad(i::text, 2, '0') || '00/', now()
     FROM generate_series(1, 10) i`,
    [pp, p.name, p.code],
  );
  await c.query(
    `INSERT INTO "Region"(code, name, level, "parentCode", path, "updatedAt")
     SELECT $1::text || lpad(i::text, 2, '0') || lpad(j::text, 2, '0'), $2::text || i || '市' || j || '县', 'COUNTY',
            $1::text || lpad(i::text, 2, '0') || '00',
            $3::text || '/' || $1::text || lpad(i::text, 2, '0') || '00/' || $1::text || lpad(i::text, 2, '0') || lpad(j::text, 2, '0') || '/', now()
     FROM generate_series(1, 10) i, generate_series(1, 10) j`,
    [pp, p.name, p.code],
  );
  // agency n goes to county (n % 100)
  await c.query(
    `INSERT INTO "Agency"(id, code, name, kind, "regionCode", "updatedAt")
     SELECT 'bench-' || $1::text || '-' || n, $1::text || '-' || n, $2::text || '单位' || n, 'DEPARTMENT',
            $3::text || lpad((n % 10 + 1)::text, 2, '0') || lpad((n / 10 % 10 + 1)::text, 2, '0'), now()
     FROM generate_series(1, $4::int) n`,
    [p.code, p.name, pp, p.reports],
  );
  await publishAll(c, `a.code LIKE $1::text`, [`${p.code}-%`], year, doc);
  await addRollup(c, db, `${p.code}-%`, "0", () => doc);
}

/** Published reports (cells and the version-1 snapshot) for every agency matching `where`. */
async function publishAll(c: pg.Client, where: string, params: unknown[], year: number, doc: ReportDocument) {
  const n = params.length;
  await c.query(
    `INSERT INTO "Report"(id, "agencyId", year, template, status, version, "contactAddress", "contactPhone", "contactEmail",
                          "issuedOn", overview, problems, other, "submittedAt", "approvedAt", "publishedAt", "updatedAt")
     SELECT 'r-' || a.id || '-' || $${n + 1}::int, a.id, $${n + 1}::int, $${n + 2}::"TemplateCode", 'PUBLISHED', 4, $${n + 3}, $${n + 4}, $${n + 5},
            $${n + 6}::date, $${n + 7}, $${n + 8}, $${n + 9}, now(), now(), now(), now()
     FROM "Agency" a WHERE ${where}`,
    [...params, year, doc.template, doc.contact.address, doc.contact.phone, doc.contact.email, doc.issuedOn, doc.narrative.overview, doc.narrative.problems, doc.narrative.other],
  );
  const cells = documentToCells(doc);
  await c.query(
    `INSERT INTO "ReportCell"("reportId", section, row, "column", value)
     SELECT r.id, x.section::"CellSection", x.row, x."column", x.value
     FROM "Report" r JOIN "Agency" a ON a.id = r."agencyId",
          jsonb_to_recordset($${n + 2}::jsonb) AS x(section text, row text, "column" text, value numeric)
     WHERE ${where} AND r.year = $${n + 1}`,
    [...params, year, JSON.stringify(cells)],
  );
  await c.query(
    `INSERT INTO "PublishedVersion"(id, "reportId", "versionNo", document, "publishedAt")
     SELECT 'v-' || r.id, r.id, 1,
            jsonb_set($${n + 2}::jsonb, '{agency}', jsonb_build_object('code', a.code, 'name', a.name,
              'region', jsonb_build_object('code', g.code, 'name', g.name))),
            now()
     FROM "Report" r JOIN "Agency" a ON a.id = r."agencyId" JOIN "Region" g ON g.code = a."regionCode"
     WHERE ${where} AND r.year = $${n + 1}`,
    [...params, year, JSON.stringify(doc)],
  );
}

/** How many different multiples of countyDocument's figures the county's agencies get. */
const FACTORS = 9;

/**
 * One county of `agencies` agencies: a sixth in each state (none, draft, submitted, returned,
 * approved, published) for the year, every one published the year before (the dashboard
 * compares the two), with varied figures.
 */
async function makeDashboardCounty(c: pg.Client, db: Db, s: BenchScale, base: ReportDocument) {
  const code = s.county.code;
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  await c.query(
    `INSERT INTO "Region"(code, name, level, "parentCode", path, "updatedAt") VALUES
       ($1::text, '基准省丙', 'PROVINCE', NULL, $1::text || '/', now()),
       ($2::text, '基准市', 'CITY', $1::text, $1::text || '/' || $2::text || '/', now()),
       ($3::text, '基准县', 'COUNTY', $2::text, $1::text || '/' || $2::text || '/' || $3::text || '/', now())`,
    [province, city, code],
  );
  await c.query(
    `INSERT INTO "Agency"(id, code, name, kind, "regionCode", "updatedAt")
     SELECT 'bench-' || $1::text || '-' || n, $1::text || '-' || n, '基准县单位' || n, CASE WHEN n % 2 = 0 THEN 'TOWNSHIP' ELSE 'DEPARTMENT' END::"AgencyKind", $1::text, now()
     FROM generate_series(1, $2::int) n`,
    [code, s.county.agencies],
  );
  const n = `substring(a.code from '-(\\d+)$')::int`;
  for (let k = 0; k < FACTORS; k++) {
    // this year: agency n's figures × (n % 9 + 1); last year: × ((n + 4) % 9 + 1)
    await publishAll(c, `a.code LIKE $1::text AND ${n} % 6 > 0 AND ${n} % ${FACTORS} = ${k}`, [`${code}-%`], s.year, countyDocument(base, k + 1));
    await publishAll(c, `a.code LIKE $1::text AND (${n} + 4) % ${FACTORS} = ${k}`, [`${code}-%`], s.year - 1, { ...countyDocument(base, k + 1), year: s.year - 1 });
  }
  // spread the other states over the county's reports (a sixth of agencies have none)
  await c.query(
    `UPDATE "Report" r SET status = (ARRAY['PUBLISHED','DRAFT','SUBMITTED','RETURNED','APPROVED','PUBLISHED'])[(substring(a.code from '-(\\d+)$')::int % 6) + 1]::"ReportStatus"
     FROM "Agency" a WHERE a.id = r."agencyId" AND a."regionCode" = $1::text AND r.year = $2::int`,
    [code, s.year],
  );
  await c.query(
    `DELETE FROM "PublishedVersion" v USING "Report" r WHERE v."reportId" = r.id AND r.status <> 'PUBLISHED' AND r.id LIKE $1::text`,
    [`r-bench-${code}-%`],
  );
  await addRollup(c, db, `${code}-%`, `CASE WHEN r.year = ${s.year} THEN ${n} ELSE ${n} + 4 END % ${FACTORS}`, (k) => countyDocument(base, k + 1));
  const hash = await hashPassword(BENCH_PASSWORD);
  await c.query(
    `INSERT INTO "User"(id, username, "displayName", "passwordHash", role, "regionCode", "updatedAt")
     VALUES ('bench-reviewer', 'bench-reviewer', '基准县审核人', $1::text, 'REVIEWER', $2::text, now())`,
    [hash, code],
  );
  // clerks for the draft-save measurements, one per editable report (draft or returned)
  await c.query(
    `INSERT INTO "User"(id, username, "displayName", "passwordHash", role, "agencyId", "updatedAt")
     SELECT 'bench-clerk-' || n, 'bench-clerk-' || n, '基准经办人' || n, $1::text, 'CLERK', a.id, now()
     FROM "Agency" a JOIN "Report" r ON r."agencyId" = a.id, LATERAL (SELECT substring(a.code from '-(\\d+)$')::int AS n) k
     WHERE a."regionCode" = $2::text AND r.status IN ('DRAFT', 'RETURNED')`,
    [hash, code],
  );
}

/** Fills an empty, migrated database with the synthetic data. Returns the counts made. */
export async function generateBenchData(url: string, scale: BenchScale, log: (m: string) => void, { vacuum = true } = {}) {
  const doc = syntheticDocument();
  const c = new pg.Client({ connectionString: url });
  const db = createPrismaClient(url);
  await c.connect();
  try {
    // the year measured, and the one before (the dashboard county's reports of last year)
    for (const year of [scale.year - 1, scale.year]) {
      await c.query(
        `INSERT INTO "ReportingYear"(year, template, deadline, "updatedAt") VALUES ($1::int, $2::"TemplateCode", make_date($1::int + 1, 1, 31), now()) ON CONFLICT DO NOTHING`,
        [year, doc.template],
      );
    }
    for (const p of scale.provinces) {
      const t = Date.now();
      await makeProvince(c, db, p, scale.year, doc);
      log(`  ${p.name}（${p.code}）: ${p.reports} 份已发布报告，${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    await makeDashboardCounty(c, db, scale, doc);
    // as pgbench does before it measures: vacuum now, or autovacuum vacuums the 11 million new
    // cells (about two minutes of a core) while the first lines are being measured; then write
    // the dirty pages out, so that no checkpoint falls in the measurements either
    // (not in the smoke run: its numbers are not read, and a few hundred rows need no vacuum)
    if (!vacuum) return;
    const t = Date.now();
    await c.query("VACUUM (ANALYZE)");
    // (needs a superuser or pg_checkpoint; without, a checkpoint may fall in a measurement)
    await c.query("CHECKPOINT").catch(() => log("  ! 无权执行 CHECKPOINT（需要超级用户或 pg_checkpoint 角色），继续"));
    log(`  VACUUM、CHECKPOINT: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    await c.end();
    await db.$disconnect();
  }
}

/**
 * P1c: a county whose `agencies` reports are published now, none of them requested yet. Returns
 * the report pages' paths. (A province, city and county of their own: the other lines' regions
 * keep their roll-up.)
 */
export async function publishFirstViewCounty(url: string, scale: BenchScale, agencies: number): Promise<string[]> {
  const code = "940101";
  const doc = syntheticDocument();
  const c = new pg.Client({ connectionString: url });
  const db = createPrismaClient(url);
  await c.connect();
  try {
    await c.query(
      `INSERT INTO "Region"(code, name, level, "parentCode", path, "updatedAt") VALUES
         ('940000', '基准省丁', 'PROVINCE', NULL, '940000/', now()),
         ('940100', '基准市丁', 'CITY', '940000', '940000/940100/', now()),
         ($1::text, '基准县丁', 'COUNTY', '940100', '940000/940100/' || $1::text || '/', now())`,
      [code],
    );
    await c.query(
      `INSERT INTO "Agency"(id, code, name, kind, "regionCode", "updatedAt")
       SELECT 'bench-' || $1::text || '-' || n, $1::text || '-' || n, '基准县丁单位' || n, 'DEPARTMENT', $1::text, now()
       FROM generate_series(1, $2::int) n`,
      [code, agencies],
    );
    await publishAll(c, `a.code LIKE $1::text`, [`${code}-%`], scale.year, doc);
    await addRollup(c, db, `${code}-%`, "0", () => doc);
    await c.query("ANALYZE");
  } finally {
    await c.end();
    await db.$disconnect();
  }
  return Array.from({ length: agencies }, (_, i) => `/reports/${code}-${i + 1}/${scale.year}`);
}

/**
 * What each publication's transaction queues beside its rows (lib/server/public/prerender-page.ts):
 * the render of its public page, done by the running app's job workers. The bench publishes
 * with SQL, so it queues the same jobs itself, then waits until the app has worked them all off.
 * Resolves with the seconds that took; throws if a job failed.
 */
export async function renderAtPublication(url: string, paths: string[], timeoutMs = 600_000): Promise<number> {
  const started = performance.now();
  const boss = new PgBoss({ connectionString: url, schema: "pgboss", supervise: false, schedule: false, migrate: false, max: 1 });
  boss.on("error", () => {});
  await boss.start();
  try {
    await boss.insert(
      paths.map((p) => {
        const [, , code, year] = p.split("/");
        return { name: PAGE_RENDER_QUEUE, data: { code, year: Number(year), versionNo: 1 }, ...PAGE_RENDER_RETRY };
      }),
    );
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (;;) {
      const { rows } = await c.query<{ open: number; failed: number }>(
        `SELECT count(*) FILTER (WHERE state IN ('created', 'retry', 'active'))::int AS open, count(*) FILTER (WHERE state = 'failed')::int AS failed
           FROM pgboss.job WHERE name = $1`,
        [PAGE_RENDER_QUEUE],
      );
      if (rows[0]!.failed > 0) throw new Error(`${rows[0]!.failed} 个发布时渲染任务失败`);
      if (rows[0]!.open === 0) return (performance.now() - started) / 1000;
      if (performance.now() - started > timeoutMs) throw new Error(`发布时渲染 ${timeoutMs / 1000} 秒内未完成（剩 ${rows[0]!.open} 个）`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await c.end();
  }
}
