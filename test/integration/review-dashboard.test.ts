// The reviewer dashboard's figures on a real database: each report's non-zero cells are read
// once per version (lib/server/queries/report-figures.ts), and a draft save — which bumps the
// version in the statement that writes the cells — shows on the next read, as a status change
// does.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/guard";
import { ensureRegion } from "@/lib/server/regions/ensure-region";
import { createReport } from "@/lib/server/reports/create-report";
import { saveDraft } from "@/lib/server/reports/save-draft";
import { freshDatabase, testUser } from "./db-helpers";

vi.mock("server-only", () => ({}));

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let dashboard: typeof import("@/lib/server/queries/review-dashboard");
let clerk: CurrentUser;
let reviewer: CurrentUser;
let admin: CurrentUser;
let reportId = "";
const YEAR = 2022;
const FILTERS = { year: YEAR, status: null, kind: null, flag: null, region: null } as const;

beforeAll(async () => {
  ctx = await freshDatabase("govreports_dashboard");
  const db = ctx.db;
  for (const [code, name] of [["640000", "宁夏回族自治区"], ["640100", "银川市"], ["640122", "贺兰县"]]) await ensureRegion(db, { code: code!, name: name! });
  const a = await db.agency.create({ data: { code: "640122100000", name: "贺兰县习岗镇", kind: "TOWNSHIP", regionCode: "640122" } });
  await db.agency.create({ data: { code: "640122101000", name: "贺兰县金贵镇", kind: "TOWNSHIP", regionCode: "640122" } });
  await db.reportingYear.create({ data: { year: YEAR, template: "T2021", open: true } });
  clerk = await testUser(db, "c1", "CLERK", { displayName: "习岗经办人", agencyId: a.id });
  reviewer = await testUser(db, "r1", "REVIEWER", { displayName: "县审核人", regionCode: "640122" });
  admin = await testUser(db, "a1", "ADMIN", { displayName: "管理员" });
  const created = await createReport(db, clerk, { year: YEAR });
  if (!created.ok) throw new Error("createReport failed");
  reportId = created.reportId;
  // the dashboard reads through the app's own client (lib/server/db.ts)
  process.env.DATABASE_URL = ctx.url;
  dashboard = await import("@/lib/server/queries/review-dashboard");
});
afterAll(async () => ctx?.drop());

async function received(id: string) {
  const { rows } = await dashboard.getReviewDashboard(reviewer, FILTERS);
  return rows.find((row) => row.report?.id === id)?.figures?.received;
}

async function save(naturalPerson: number) {
  const { version } = await ctx.db.report.findUniqueOrThrow({ where: { id: reportId } });
  const r = await saveDraft(ctx.db, clerk, { reportId, expectedVersion: version, entries: { applications: { received: { naturalPerson } } } as never });
  if (!r.ok) throw new Error(JSON.stringify(r));
}

describe("getReviewDashboard", () => {
  it("shows a draft save at once, and reads a version's cells only once", async () => {
    const { rows, allCount } = await dashboard.getReviewDashboard(reviewer, FILTERS);
    expect(allCount).toBe(2);
    expect(rows.filter((row) => row.report === null)).toHaveLength(1);
    expect(await received(reportId)).toBe(0);

    await save(7);
    expect(await received(reportId)).toBe(7);
    await save(9);
    expect(await received(reportId)).toBe(9);

    // a change to the cells that bypasses the version (no part of the app makes one) is not
    // seen: the figures of version N were read once and are kept
    await ctx.db.$executeRaw`UPDATE "ReportCell" SET value = 1000 WHERE "reportId" = ${reportId} AND section = 'applications' AND row = 'received' AND "column" = 'naturalPerson'`;
    expect(await received(reportId)).toBe(9);
    // the next save (version N+1) is read afresh, whole
    await save(11);
    expect(await received(reportId)).toBe(11);
  });

  it("names each agency's active clerks and the phone of its report, this year's or else last year's", async () => {
    const db = ctx.db;
    const jingui = await db.agency.findUniqueOrThrow({ where: { code: "640122101000" } });
    await db.user.create({ data: { username: "c2", displayName: "金贵甲", role: "CLERK", passwordHash: "x", agencyId: jingui.id } });
    await db.user.create({ data: { username: "c3", displayName: "金贵乙", role: "CLERK", passwordHash: "x", agencyId: jingui.id } });
    await db.user.create({ data: { username: "c4", displayName: "已停用", role: "CLERK", passwordHash: "x", agencyId: jingui.id, active: false } });
    // 金贵镇: no report this year, last year's gives the phone
    await db.report.create({ data: { agencyId: jingui.id, year: YEAR - 1, template: "T2021", contactPhone: "0951-8000001" } });
    await db.report.update({ where: { id: reportId }, data: { contactPhone: " 0951-8000002 " } });
    const { rows } = await dashboard.getReviewDashboard(reviewer, FILTERS);
    const byCode = Object.fromEntries(rows.map((r) => [r.agency.code, r.clerk]));
    expect(byCode["640122100000"]).toEqual({ names: ["习岗经办人"], phone: "0951-8000002" });
    expect(byCode["640122101000"]).toEqual({ names: ["金贵甲", "金贵乙"], phone: "0951-8000001" });
  });

  it("reads the figures of reports it has not kept in one query, with the version they were read at", async () => {
    const { reportFigures } = await import("@/lib/server/queries/report-figures");
    const report = await ctx.db.report.findUniqueOrThrow({ where: { id: reportId } });
    const kept = await reportFigures([{ id: report.id, version: report.version, updatedAt: report.updatedAt }]);
    expect(kept.get(report.id)?.["applications/received/naturalPerson"]).toBe(11);
    // an older key than the stored one (a reader that raced a save): read afresh, and the
    // figures are those of the version stored now
    const stale = await reportFigures([{ id: report.id, version: report.version - 1, updatedAt: new Date(0) }]);
    expect(stale.get(report.id)?.["applications/received/naturalPerson"]).toBe(11);
    // kept figures are shared between requests: frozen, so no caller can change another's
    expect(Object.isFrozen(kept.get(report.id))).toBe(true);
  });

  it("lists a chosen area within the scope, offers the areas above and below it, and asks for one when the scope is too large", async () => {
    const { getReviewDashboard, MAX_DASHBOARD_AGENCIES } = dashboard;
    // another province with more agencies than one page lists
    for (const [code, name] of [["650000", "测试自治区"], ["650100", "测试市"], ["650101", "测试区"]]) await ensureRegion(ctx.db, { code: code!, name: name! });
    await ctx.db.$executeRaw`
      INSERT INTO "Agency" (id, code, name, kind, "regionCode", active, "updatedAt")
      SELECT 'bulk-' || n, '650101' || lpad(n::text, 6, '0'), '测试单位' || n, 'DEPARTMENT', '650101', true, now()
        FROM generate_series(1, ${MAX_DASHBOARD_AGENCIES}) n`;

    const all = await getReviewDashboard(admin, FILTERS);
    expect(all).toMatchObject({ tooMany: true, agencyCount: MAX_DASHBOARD_AGENCIES + 2, rows: [], area: null });
    expect(all.areaOptions).toEqual([
      { code: "640000", name: "宁夏回族自治区", depth: 0, below: true },
      { code: "650000", name: "测试自治区", depth: 0, below: true },
    ]);

    const city = await getReviewDashboard(admin, { ...FILTERS, region: "640100" });
    expect(city).toMatchObject({ tooMany: false, agencyCount: 2, allCount: 2, area: { code: "640100", name: "银川市" } });
    expect(city.areaOptions.map((o) => [o.code, o.depth, o.below])).toEqual([
      ["640000", 0, false],
      ["640100", 1, false],
      ["640122", 2, true],
    ]);

    // a reviewer's scope bounds the areas: another province's code lists the reviewer's own county
    const outside = await getReviewDashboard(reviewer, { ...FILTERS, region: "650101" });
    expect(outside).toMatchObject({ area: null, allCount: 2, tooMany: false });
    expect(outside.rows.every((row) => row.agency.code.startsWith("640122"))).toBe(true);
    // a county has no smaller area to offer
    expect(outside.areaOptions).toEqual([]);
  });
});
