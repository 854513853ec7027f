// Clerks of a deactivated agency once still created and saved reports. Every clerk write
// is refused with a Chinese message while the agency is inactive (reading stays), and
// deactivating the agency ends its users' sessions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/guard";
import { AGENCY_INACTIVE_MESSAGE } from "@/lib/server/access/report-access";
import { updateAgency } from "@/lib/server/agencies/update-agency";
import { addComment } from "@/lib/server/comments/add-comment";
import { resolveComment } from "@/lib/server/comments/resolve-comment";
import { createReport } from "@/lib/server/reports/create-report";
import { saveDraft } from "@/lib/server/reports/save-draft";
import { submitReport } from "@/lib/server/reports/submit-report";
import { regionPath } from "@/lib/server/regions/ensure-region";
import { freshDatabase, testUser } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let clerk: CurrentUser;
let reviewer: CurrentUser;
let admin: { id: string; role: "ADMIN" };
let agencyId: string;
const agencyFields = { code: "640122100000", name: "贺兰县习岗镇", kind: "TOWNSHIP" as const, regionCode: "640122" };

beforeAll(async () => {
  ctx = await freshDatabase("govreports_inactive");
  const db = ctx.db;
  await db.region.create({ data: { code: "640122", name: "贺兰县", level: "COUNTY", path: regionPath("640122") } });
  const a = await db.agency.create({ data: agencyFields });
  agencyId = a.id;
  for (const year of [2022, 2023]) await db.reportingYear.create({ data: { year, template: "T2021", open: true } });
  clerk = await testUser(db, "c1", "CLERK", { displayName: "习岗经办人", agencyId: a.id });
  reviewer = await testUser(db, "r1", "REVIEWER", { displayName: "审核人", regionCode: "640122" });
  admin = { id: (await testUser(db, "a1", "ADMIN", { displayName: "管理员" })).id, role: "ADMIN" };
});
afterAll(async () => ctx?.drop());

const entries = (overview: string) => ({ narrative: { overview, problems: "", other: "" } });

describe("a deactivated agency", () => {
  it("ends its users' sessions, and refuses its clerk's every write until it is active again", async () => {
    const started = await createReport(ctx.db, clerk, { year: 2022 });
    if (!started.ok) throw new Error(started.message);
    const saved = await saveDraft(ctx.db, clerk, { reportId: started.reportId, expectedVersion: 1, entries: entries("第一稿") });
    if (!saved.ok) throw new Error(saved.message);
    const comment = await addComment(ctx.db, reviewer, { reportId: started.reportId, body: "请补充主动公开情况。", anchor: null });
    if (!comment.ok) throw new Error(comment.message);
    const versionBefore = (await ctx.db.user.findUniqueOrThrow({ where: { id: clerk.id } })).sessionVersion;

    expect(await updateAgency(ctx.db, admin, { id: agencyId, ...agencyFields, active: false })).toEqual({ ok: true });
    // every session issued before is stale (the guard compares the token's version with this)
    expect((await ctx.db.user.findUniqueOrThrow({ where: { id: clerk.id } })).sessionVersion).toBe(versionBefore + 1);
    // … and the clerk, signed in again, can write nothing
    const auditBefore = await ctx.db.auditEvent.count();
    const refusals = [
      await createReport(ctx.db, clerk, { year: 2023 }),
      await saveDraft(ctx.db, clerk, { reportId: started.reportId, expectedVersion: saved.version, entries: entries("停用后改的") }),
      await submitReport(ctx.db, clerk, { reportId: started.reportId, expectedVersion: saved.version }),
      await resolveComment(ctx.db, clerk, { commentId: comment.id }),
    ];
    for (const r of refusals) expect(r).toMatchObject({ ok: false, code: 403, message: AGENCY_INACTIVE_MESSAGE });
    expect(await ctx.db.report.count({ where: { agencyId } })).toBe(1);
    const report = await ctx.db.report.findUniqueOrThrow({ where: { id: started.reportId } });
    expect(report).toMatchObject({ overview: "第一稿", status: "DRAFT", version: saved.version });
    expect((await ctx.db.reviewComment.findUniqueOrThrow({ where: { id: comment.id } })).resolvedAt).toBeNull();
    expect(await ctx.db.auditEvent.count()).toBe(auditBefore);
    // opening the existing report is reading, still allowed
    expect(await createReport(ctx.db, clerk, { year: 2022 })).toMatchObject({ ok: true, reportId: started.reportId, created: false });

    // active again: the clerk saves as before, without their sessions being ended again
    expect(await updateAgency(ctx.db, admin, { id: agencyId, ...agencyFields, active: true })).toEqual({ ok: true });
    expect((await ctx.db.user.findUniqueOrThrow({ where: { id: clerk.id } })).sessionVersion).toBe(versionBefore + 1);
    expect(await saveDraft(ctx.db, clerk, { reportId: started.reportId, expectedVersion: saved.version, entries: entries("启用后改的") })).toMatchObject({ ok: true });
  });
});
