// Lateness on a real database: the review dashboard's column, filter and counts, the clerk's
// workspace, a region's on-time rate and its on-time record as CSV and Excel (through the
// routes), all judged from each report's first publication against its year's deadline.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/guard";
import type { ReportDocument } from "@/lib/exchange";
import { ensureRegion } from "@/lib/server/regions/ensure-region";
import { importReport } from "@/lib/server/reports/import-report";
import { freshDatabase, testUser } from "./db-helpers";

vi.mock("server-only", () => ({}));

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let reviewer: CurrentUser;
let clerk: CurrentUser;
const FILTERS = { year: 2020, status: null, kind: null, flag: null, region: null } as const;
const XIGANG = "640122100000";
const JINGUI = "640122101000";
const LIGANG = "640122102000";
/** a year whose deadline is still ahead whenever the test runs */
const FUTURE = 2099;

beforeAll(async () => {
  ctx = await freshDatabase("govreports_lateness");
  const db = ctx.db;
  for (const [code, name] of [["640000", "宁夏回族自治区"], ["640100", "银川市"], ["640122", "贺兰县"]]) await ensureRegion(db, { code: code!, name: name! });
  await db.reportingYear.create({ data: { year: 2020, template: "T2019", deadline: new Date("2021-01-31T00:00:00Z") } });
  await db.reportingYear.create({ data: { year: FUTURE, template: "T2021" } });
  // 习岗镇 2020 published (import as published), first on the deadline day at 23:30 in Beijing, corrected in June
  const doc = JSON.parse(readFileSync("data/fixtures/xigang-2020.json", "utf8")) as ReportDocument;
  const imported = await importReport(db, doc, { publish: true, actor: { label: "test" } });
  if (!imported.ok) throw new Error(imported.errors.join("\n"));
  const xigang = await db.report.findFirstOrThrow({ where: { year: 2020, agency: { code: XIGANG } }, include: { versions: true } });
  await db.publishedVersion.update({ where: { id: xigang.versions[0]!.id }, data: { publishedAt: new Date("2021-01-31T15:30:00Z") } });
  await db.publishedVersion.create({ data: { reportId: xigang.id, versionNo: 2, document: xigang.versions[0]!.document as object, publishedAt: new Date("2021-06-01T02:00:00Z"), changeNote: "更正" } });
  // 金贵镇 2020 first published on 3 December 2021 (10:00 in Beijing): 306 days late
  const jingui = await db.agency.create({ data: { code: JINGUI, name: "贺兰县金贵镇", kind: "TOWNSHIP", regionCode: "640122" } });
  const late = await db.report.create({ data: { agencyId: jingui.id, year: 2020, template: "T2019", status: "PUBLISHED", publishedAt: new Date("2021-12-03T02:00:00Z") } });
  await db.publishedVersion.create({ data: { reportId: late.id, versionNo: 1, document: { ...(xigang.versions[0]!.document as object), agency: { code: JINGUI, name: "贺兰县金贵镇" } }, publishedAt: new Date("2021-12-03T02:00:00Z") } });
  // 立岗镇: a 2020 report submitted but never published
  const ligang = await db.agency.create({ data: { code: LIGANG, name: "贺兰县立岗镇", kind: "TOWNSHIP", regionCode: "640122" } });
  await db.report.create({ data: { agencyId: ligang.id, year: 2020, template: "T2019", status: "SUBMITTED", submittedAt: new Date("2021-01-20T02:00:00Z") } });

  const xigangAgency = await db.agency.findUniqueOrThrow({ where: { code: XIGANG } });
  reviewer = await testUser(db, "r1", "REVIEWER", { displayName: "县审核人", regionCode: "640122" });
  clerk = await testUser(db, "c1", "CLERK", { displayName: "习岗经办人", agencyId: xigangAgency.id });
  // the queries read through the app's own client (lib/server/db.ts)
  process.env.DATABASE_URL = ctx.url;
});
afterAll(async () => ctx?.drop());

describe("review dashboard", () => {
  it("marks each row from its first publication, filters by lateness and counts each", async () => {
    const { getReviewDashboard } = await import("@/lib/server/queries/review-dashboard");
    const all = await getReviewDashboard(reviewer, FILTERS);
    const text = Object.fromEntries(all.rows.map((r) => [r.agency.code, r.lateness.text]));
    expect(text).toEqual({ [XIGANG]: "按期发布", [JINGUI]: "逾期发布 306 天", [LIGANG]: "逾期未报" });
    expect(all.latenessCounts).toEqual({ ON_TIME: 1, LATE: 1, OVERDUE: 1, NOT_DUE: 0 });

    const late = await getReviewDashboard(reviewer, { ...FILTERS, lateness: "LATE" });
    expect(late.rows.map((r) => r.agency.code)).toEqual([JINGUI]);
    // the counts are those of the other filters, so every option's count stays in view
    expect(late.latenessCounts).toEqual(all.latenessCounts);
    const overdueDrafts = await getReviewDashboard(reviewer, { ...FILTERS, status: "SUBMITTED", lateness: "OVERDUE" });
    expect(overdueDrafts.rows.map((r) => r.agency.code)).toEqual([LIGANG]);

    const future = await getReviewDashboard(reviewer, { ...FILTERS, year: FUTURE });
    expect(future.latenessCounts).toMatchObject({ NOT_DUE: 3, OVERDUE: 0 });
    expect(future.rows[0]!.lateness.text).toMatch(/^未到期（还有 \d+ 天）$/);
  });
});

describe("workspace", () => {
  it("marks the clerk's years and names the year due now", async () => {
    const { getClerkWorkspace } = await import("@/lib/server/queries/workspace");
    const ws = (await getClerkWorkspace(clerk))!;
    expect(ws.rows.find((r) => r.year === 2020)!.lateness.text).toBe("按期发布");
    expect(ws.rows.find((r) => r.year === FUTURE)!.lateness.kind).toBe("NOT_DUE");
    expect(ws.dueNow).toMatchObject({ year: FUTURE, deadlineDay: `${FUTURE + 1}-01-31` });
  });
});

describe("region on-time record", () => {
  it("gives the year's rate over the agencies under the region", async () => {
    const { regionOnTimeRate } = await import("@/lib/server/statistics/region-lateness");
    expect(await regionOnTimeRate("640122", 2020)).toEqual({ due: 3, onTime: 1, late: 1, rate: 1 / 3 });
    // the city holds the county's agencies
    expect(await regionOnTimeRate("640100", 2020)).toEqual({ due: 3, onTime: 1, late: 1, rate: 1 / 3 });
  });

  it("serves the record as CSV (UTF-8 with BOM, Chinese headers) and Excel, publicly; 404 for an unknown region", async () => {
    const csvRoute = await import("@/app/api/regions/[code]/lateness.csv/route");
    const xlsxRoute = await import("@/app/api/regions/[code]/lateness.xlsx/route");
    const params = (code: string) => ({ params: Promise.resolve({ code }) });

    const csv = await csvRoute.GET(new Request("http://x/api/regions/640122/lateness.csv?year=2020"), params("640122"));
    expect(csv.status).toBe(200);
    expect(csv.headers.get("cache-control")).toMatch(/^public/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split("\r\n");
    expect(lines[0]).toBe("单位代码,单位名称,年度,截止日期,首次发布日期,状态,逾期天数");
    expect(lines).toContain(`${XIGANG},贺兰县习岗镇,2020,2021-01-31,2021-01-31,按期发布,`);
    expect(lines).toContain(`${JINGUI},贺兰县金贵镇,2020,2021-01-31,2021-12-03,逾期发布,306`);
    expect(lines.find((l) => l.startsWith(LIGANG))).toMatch(/^640122102000,贺兰县立岗镇,2020,2021-01-31,,逾期未报,\d+$/);

    const all = await csvRoute.GET(new Request("http://x/api/regions/640122/lateness.csv"), params("640122"));
    // every agency × reporting year, newest year first
    expect((await all.text()).trim().split("\r\n").slice(1).map((l) => l.split(",")[2])).toEqual(["2099", "2099", "2099", "2020", "2020", "2020"]);

    const xlsx = await xlsxRoute.GET(new Request("http://x/api/regions/640122/lateness.xlsx?year=2020"), params("640122"));
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, "单位代码", "单位名称", "年度", "截止日期", "首次发布日期", "状态", "逾期天数"]);
    const jingui = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(1).value === JINGUI)!;
    expect((jingui.getCell(5).value as Date).toISOString().slice(0, 10)).toBe("2021-12-03");
    expect(jingui.getCell(6).value).toBe("逾期发布");
    expect(jingui.getCell(7).value).toBe(306);

    const missing = await csvRoute.GET(new Request("http://x/api/regions/999999/lateness.csv"), params("999999"));
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatch(/地区不存在/);
  });
});
