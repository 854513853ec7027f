// Every workflow transition, allowed and forbidden, checked against a golden table written by
// hand (not derived from lib/workflow/transitions.ts, the table under test): each actor (clerk of the agency / of another agency, reviewer of the region / of another
// region / of the province above, administrator) × each state × each action, on a real
// database through the one executor (transitionReport). Plus concurrency, stale versions,
// locks and a whole correction.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/guard";
import type { RoleName } from "@/lib/auth/roles";
import { exportDocument, type ReportDocument } from "@/lib/exchange";
import type { ReportStatusName } from "@/lib/reports/status";
import { addComment } from "@/lib/server/comments/add-comment";
import { replyToComment } from "@/lib/server/comments/reply-to-comment";
import { resolveComment } from "@/lib/server/comments/resolve-comment";
import { ensureRegion } from "@/lib/server/regions/ensure-region";
import { createPublishedVersion } from "@/lib/server/reports/create-published-version";
import { importReport } from "@/lib/server/reports/import-report";
import { publishReports } from "@/lib/server/reports/publish-reports";
import { documentCellRows, documentFields } from "@/lib/server/reports/report-document";
import { transitionReport } from "@/lib/server/reports/transition-report";
import { cellsOf, emptySections, getTemplate } from "@/lib/templates";
import { TRANSITION_ACTIONS, type TransitionAction } from "@/lib/workflow/transitions";
import { freshDatabase } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const STATES: ReportStatusName[] = ["DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "PUBLISHED"];

/** A complete, consistent 2021-format report (passes every error rule in submit mode). */
function documentFor(agencyCode: string, year = 2022, received = 5): ReportDocument {
  const t = getTemplate("2021");
  const sections = emptySections(t, 0);
  const applicants = ["naturalPerson", "commercial", "research", "publicInterest", "legal", "otherOrg"];
  const set = (row: string, values: number[]) => applicants.forEach((c, i) => (sections.applications[row]![c] = values[i]!));
  set("received", [received, 2, 0, 0, 1, 0]);
  set("carriedOver", [0, 0, 0, 0, 0, 0]);
  set("granted", [received, 1, 0, 0, 1, 0]);
  set("unavailable.notHeld", [0, 0, 0, 0, 0, 0]);
  set("carriedForward", [0, 1, 0, 0, 0, 0]);
  sections.reviewLitigation.reconsideration = { upheld: 1, corrected: 0, other: 0, pending: 1 } as never;
  for (const cell of cellsOf(t)) if (cell.derived) delete sections[cell.section][cell.row]![cell.column];
  return {
    format: "gov-info-disclosure-annual-report/v1",
    template: "2021",
    agency: { code: agencyCode, name: `测试单位${agencyCode}`, region: { code: "640122", name: "贺兰县" } },
    year,
    issuedOn: `${year + 1}-01-18`,
    contact: { address: "贺兰县富兴街", phone: "0951-8888888", email: "test@example.cn" },
    narrative: { overview: "总体情况正文", problems: "存在问题正文", other: "无" },
    ...sections,
  } as ReportDocument;
}

const users = {} as Record<string, { id: string }>;
let otherAgencyId = "";

async function makeUser(username: string, role: RoleName, scope: { regionCode?: string; agencyId?: string }) {
  users[username] = await ctx.db.user.create({
    data: { username, displayName: username, role, passwordHash: "x", regionCode: scope.regionCode ?? null, agencyId: scope.agencyId ?? null },
  });
}

type ActorKey = "clerkOwn" | "clerkOther" | "reviewerRegion" | "reviewerOtherRegion" | "reviewerProvince" | "admin";
/** The columns of the golden table, in its order. */
const ACTORS: { key: ActorKey }[] = [
  { key: "clerkOwn" },
  { key: "clerkOther" }, // of an agency in another county: out of scope
  { key: "reviewerRegion" },
  { key: "reviewerOtherRegion" }, // out of scope
  { key: "reviewerProvince" },
  { key: "admin" },
];

function actor(key: ActorKey, agencyId: string): CurrentUser {
  const base = (username: string, role: RoleName, regionCode: string | null, agency: string | null): CurrentUser => ({
    id: users[username]!.id,
    username,
    displayName: username,
    role,
    regionCode,
    agencyId: agency,
    mustChangePassword: false,
  });
  switch (key) {
    case "clerkOwn":
      return base("clerk-own", "CLERK", null, agencyId); // the clerk whose scope is this report's agency
    case "clerkOther":
      return base("clerk-other", "CLERK", null, otherAgencyId);
    case "reviewerRegion":
      return base("reviewer-helan", "REVIEWER", "640122", null);
    case "reviewerOtherRegion":
      return base("reviewer-yongning", "REVIEWER", "640121", null);
    case "reviewerProvince":
      return base("reviewer-ningxia", "REVIEWER", "640000", null);
    case "admin":
      return base("admin", "ADMIN", null, null);
  }
}

let seq = 0;
/** A fresh agency in 贺兰县 with a valid report in `state` (stored directly: setup, not the thing under test). */
async function reportIn(state: ReportStatusName, year = 2022) {
  const code = `640122-t${++seq}`;
  const doc = exportDocument(documentFor(code, year));
  const agency = await ctx.db.agency.create({ data: { code, name: doc.agency.name, kind: "DEPARTMENT", regionCode: "640122" } });
  const report = await ctx.db.report.create({
    data: { agencyId: agency.id, year, ...documentFields(doc), status: state === "PUBLISHED" ? "APPROVED" : state },
  });
  await ctx.db.reportCell.createMany({ data: documentCellRows(report.id, doc) });
  if (state === "PUBLISHED") await createPublishedVersion(ctx.db, report.id, { label: "test" });
  return ctx.db.report.findUniqueOrThrow({ where: { id: report.id }, include: { agency: true } });
}

beforeAll(async () => {
  ctx = await freshDatabase("govreports_workflow");
  for (const r of [
    { code: "640000", name: "宁夏回族自治区" },
    { code: "640100", name: "银川市" },
    { code: "640122", name: "贺兰县" },
    { code: "640121", name: "永宁县" },
  ])
    await ensureRegion(ctx.db, r);
  const other = await ctx.db.agency.create({ data: { code: "640121100000", name: "永宁县杨和镇", kind: "TOWNSHIP", regionCode: "640121" } });
  otherAgencyId = other.id;
  await makeUser("clerk-own", "CLERK", {});
  await makeUser("clerk-other", "CLERK", { agencyId: other.id });
  await makeUser("reviewer-helan", "REVIEWER", { regionCode: "640122" });
  await makeUser("reviewer-yongning", "REVIEWER", { regionCode: "640121" });
  await makeUser("reviewer-ningxia", "REVIEWER", { regionCode: "640000" });
  await makeUser("admin", "ADMIN", {});
}, 60_000);

afterAll(async () => {
  await ctx?.drop();
});

/**
 * THE GOLDEN TABLE, written by hand from the product's workflow rules, not derived from
 * lib/workflow/transitions.ts, the table under test: a wrong entry there fails here.
 * Scope comes first (a report outside it is 404, as if there were none), then the role (403),
 * then the state (409). 提交审核 is the scoped clerk's, from 草稿 or 已退回; 退回 (from 待审核 or
 * 已审核), 审核通过 (from 待审核), 发布 (from 已审核) and 发起更正 (from 已发布) are the reviewers'
 * whose region holds the agency (贺兰县's own, or the province above it); the administrator
 * makes no transition.
 */
type Outcome = "ok" | 403 | 404 | 409;
//                  clerkOwn clerkOther reviewerRegion reviewerOtherRegion reviewerProvince admin
const GOLDEN: Record<TransitionAction, Record<ReportStatusName, [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome]>> = {
  submit: {
    DRAFT: /*     */ ["ok", 404, 403, 404, 403, 403],
    SUBMITTED: /* */ [409, 404, 403, 404, 403, 403],
    RETURNED: /*  */ ["ok", 404, 403, 404, 403, 403],
    APPROVED: /*  */ [409, 404, 403, 404, 403, 403],
    PUBLISHED: /* */ [409, 404, 403, 404, 403, 403],
  },
  return: {
    DRAFT: /*     */ [403, 404, 409, 404, 409, 403],
    SUBMITTED: /* */ [403, 404, "ok", 404, "ok", 403],
    RETURNED: /*  */ [403, 404, 409, 404, 409, 403],
    APPROVED: /*  */ [403, 404, "ok", 404, "ok", 403],
    PUBLISHED: /* */ [403, 404, 409, 404, 409, 403],
  },
  approve: {
    DRAFT: /*     */ [403, 404, 409, 404, 409, 403],
    SUBMITTED: /* */ [403, 404, "ok", 404, "ok", 403],
    RETURNED: /*  */ [403, 404, 409, 404, 409, 403],
    APPROVED: /*  */ [403, 404, 409, 404, 409, 403],
    PUBLISHED: /* */ [403, 404, 409, 404, 409, 403],
  },
  publish: {
    DRAFT: /*     */ [403, 404, 409, 404, 409, 403],
    SUBMITTED: /* */ [403, 404, 409, 404, 409, 403],
    RETURNED: /*  */ [403, 404, 409, 404, 409, 403],
    APPROVED: /*  */ [403, 404, "ok", 404, "ok", 403],
    PUBLISHED: /* */ [403, 404, 409, 404, 409, 403],
  },
  reopen: {
    DRAFT: /*     */ [403, 404, 409, 404, 409, 403],
    SUBMITTED: /* */ [403, 404, 409, 404, 409, 403],
    RETURNED: /*  */ [403, 404, 409, 404, 409, 403],
    APPROVED: /*  */ [403, 404, 409, 404, 409, 403],
    PUBLISHED: /* */ [403, 404, "ok", 404, "ok", 403],
  },
};
/** Where each allowed transition leads (by hand, too). */
const GOLDEN_TO: Record<TransitionAction, ReportStatusName> = { submit: "SUBMITTED", return: "RETURNED", approve: "APPROVED", publish: "PUBLISHED", reopen: "DRAFT" };

const refusalReports = new Map<ReportStatusName, ReturnType<typeof reportIn>>();
/** The report in `state` that the refused cases share (made once, on first use). */
function refusalReport(state: ReportStatusName) {
  if (!refusalReports.has(state)) refusalReports.set(state, reportIn(state));
  return refusalReports.get(state)!;
}

describe("every transition × state × actor, against the golden table", () => {
  it("the golden table covers every action of lib/workflow/transitions.ts and every state", () => {
    expect(Object.keys(GOLDEN).sort()).toEqual([...TRANSITION_ACTIONS].sort());
    for (const byState of Object.values(GOLDEN)) expect(Object.keys(byState).sort()).toEqual([...STATES].sort());
  });

  const cases = TRANSITION_ACTIONS.flatMap((action) => STATES.flatMap((state) => ACTORS.map((a, i) => ({ action, state, actor: a, expected: GOLDEN[action]?.[state]?.[i] }))));
  it.each(cases.map((c) => [c.action, c.state, c.actor.key, c.expected, c] as const))(
    "%s from %s by %s → %s",
    async (action, state, _key, expected, c) => {
      expect(expected, "a row of the golden table").toBeDefined();
      // a refused transition changes nothing (checked below), so the refusals from one state
      // share one report; an allowed one gets a report of its own
      const report = expected === "ok" ? await reportIn(state) : await refusalReport(state);
      const auditBefore = await ctx.db.auditEvent.count({ where: { reportId: report.id } });
      const result = await transitionReport(ctx.db, actor(c.actor.key, report.agencyId), {
        reportId: report.id,
        action,
        expectedVersion: report.version,
        reason: "理由：第三表数字需核对",
      });
      const after = await ctx.db.report.findUniqueOrThrow({ where: { id: report.id } });
      const auditAfter = await ctx.db.auditEvent.count({ where: { reportId: report.id } });
      if (expected === "ok") {
        expect(result).toMatchObject({ ok: true, status: GOLDEN_TO[action], version: report.version + 1 });
        expect(after.status).toBe(GOLDEN_TO[action]);
        expect(after.version).toBe(report.version + 1);
        expect(auditAfter).toBe(auditBefore + 1);
      } else {
        expect(result).toMatchObject({ ok: false, code: expected });
        expect(after.status).toBe(report.status);
        expect(after.version).toBe(report.version);
        expect(auditAfter).toBe(auditBefore);
      }
    },
    20_000,
  );
});

describe("guards, versions and locks", () => {
  const reviewer = () => actor("reviewerRegion", "");

  it("退回 and 发起更正 need a reason; nothing changes without one", async () => {
    for (const [state, action] of [["SUBMITTED", "return"], ["PUBLISHED", "reopen"]] as const) {
      const report = await reportIn(state);
      const r = await transitionReport(ctx.db, reviewer(), { reportId: report.id, action, expectedVersion: report.version, reason: "   " });
      expect(r).toMatchObject({ ok: false, code: 422 });
      expect((r as { message: string }).message).toMatch(/退回理由|更正说明/);
      expect((await ctx.db.report.findUniqueOrThrow({ where: { id: report.id } })).status).toBe(state);
    }
  });

  it("审核通过 is refused while the report breaks an error rule", async () => {
    const report = await reportIn("SUBMITTED");
    await ctx.db.reportCell.update({ where: { reportId_section_row_column: { reportId: report.id, section: "applications", row: "received", column: "naturalPerson" } }, data: { value: 99 } });
    const r = await transitionReport(ctx.db, reviewer(), { reportId: report.id, action: "approve", expectedVersion: report.version });
    expect(r).toMatchObject({ ok: false, code: 422 });
    expect((r as { violations: unknown[] }).violations.length).toBeGreaterThan(0);
  });

  it("a stale expectedVersion is refused and changes nothing", async () => {
    const report = await reportIn("SUBMITTED");
    const r = await transitionReport(ctx.db, reviewer(), { reportId: report.id, action: "approve", expectedVersion: report.version - 1 });
    expect(r).toMatchObject({ ok: false, code: 409 });
    expect((r as { message: string }).message).toContain("请刷新");
    expect((await ctx.db.report.findUniqueOrThrow({ where: { id: report.id } })).status).toBe("SUBMITTED");
  });

  it("two reviewers pressing 发布 at once publish once: one version row", async () => {
    const report = await reportIn("APPROVED");
    const province = actor("reviewerProvince", "");
    const results = await Promise.all([
      transitionReport(ctx.db, reviewer(), { reportId: report.id, action: "publish", expectedVersion: report.version }),
      transitionReport(ctx.db, province, { reportId: report.id, action: "publish", expectedVersion: report.version }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: 409 });
    expect(await ctx.db.publishedVersion.count({ where: { reportId: report.id } })).toBe(1);
    expect(await ctx.db.auditEvent.count({ where: { reportId: report.id, action: "report.published" } })).toBe(1);
  });

  it("an approved or published report refuses an import that would change it", async () => {
    for (const state of ["SUBMITTED", "APPROVED", "PUBLISHED"] as const) {
      const report = await reportIn(state);
      const r = await importReport(ctx.db, documentFor(report.agency.code, 2022, 7), { publish: false, actor: { label: "test" } });
      expect(r.ok).toBe(false);
      const cell = await ctx.db.reportCell.findUniqueOrThrow({ where: { reportId_section_row_column: { reportId: report.id, section: "applications", row: "received", column: "naturalPerson" } } });
      expect(Number(cell.value)).toBe(5);
    }
  });

  it("batch publish: each report its own transition, a stale one refused alone", async () => {
    const a = await reportIn("APPROVED");
    const b = await reportIn("APPROVED");
    const c = await reportIn("SUBMITTED");
    const outcomes = await publishReports(ctx.db, reviewer(), [
      { reportId: a.id, expectedVersion: a.version },
      { reportId: b.id, expectedVersion: b.version },
      { reportId: c.id, expectedVersion: c.version },
      { reportId: "forged-id", expectedVersion: 1 },
    ]);
    expect(outcomes.map((o) => (o.result.ok ? "ok" : o.result.code))).toEqual(["ok", "ok", 409, 404]);
    expect(await ctx.db.publishedVersion.count({ where: { reportId: { in: [a.id, b.id] } } })).toBe(2);
  });
});

describe("a correction", () => {
  it("reopens a published report, keeps version 1 public, and publishes version 2 with its note", async () => {
    const reviewer = actor("reviewerRegion", "");
    const report = await reportIn("PUBLISHED");
    const clerk = actor("clerkOwn", report.agencyId);
    let v = report.version;
    const step = async (u: CurrentUser, action: TransitionAction, reason?: string) => {
      const r = await transitionReport(ctx.db, u, { reportId: report.id, action, expectedVersion: v, reason });
      expect(r).toMatchObject({ ok: true });
      v = (r as { version: number }).version;
      return r;
    };
    await step(reviewer, "reopen", "更正第三表自然人申请数");
    const reopened = await ctx.db.report.findUniqueOrThrow({ where: { id: report.id } });
    expect(reopened).toMatchObject({ status: "DRAFT", correctionReason: "更正第三表自然人申请数" });
    // the clerk corrects the figures (a draft may be overwritten), the public still sees version 1
    const fixed = await importReport(ctx.db, documentFor(report.agency.code, 2022, 6), { publish: false, actor: { id: users["clerk-own"]!.id } });
    expect(fixed).toMatchObject({ ok: true, outcome: "updated" });
    v = (await ctx.db.report.findUniqueOrThrow({ where: { id: report.id } })).version;
    expect(await ctx.db.publishedVersion.count({ where: { reportId: report.id } })).toBe(1);
    await step(clerk, "submit");
    await step(reviewer, "approve");
    const published = await step(reviewer, "publish");
    expect(published).toMatchObject({ publishedVersionNo: 2 });
    const versions = await ctx.db.publishedVersion.findMany({ where: { reportId: report.id }, orderBy: { versionNo: "asc" } });
    expect(versions.map((x) => [x.versionNo, x.changeNote])).toEqual([
      [1, null],
      [2, "更正第三表自然人申请数"],
    ]);
    const received = (x: (typeof versions)[number]) => (x.document as unknown as ReportDocument).applications.received!.naturalPerson;
    expect([received(versions[0]!), received(versions[1]!)]).toEqual([5, 6]);
    expect((await ctx.db.report.findUniqueOrThrow({ where: { id: report.id } })).correctionReason).toBeNull();
  });

  it("keeps a snapshot of each submission for the review page's comparison", async () => {
    const report = await reportIn("DRAFT");
    const clerk = actor("clerkOwn", report.agencyId);
    const r = await transitionReport(ctx.db, clerk, { reportId: report.id, action: "submit", expectedVersion: report.version });
    expect(r.ok).toBe(true);
    const event = await ctx.db.auditEvent.findFirstOrThrow({ where: { reportId: report.id, action: "report.submit" } });
    const snapshot = (event.details as { snapshot: { cells: Record<string, number | null> } }).snapshot;
    expect(snapshot.cells["applications/received/naturalPerson"]).toBe(5);
  });
});

describe("comments", () => {
  it("a reviewer in scope comments on a cell; others are refused; the clerk may resolve it", async () => {
    const report = await reportIn("SUBMITTED");
    const reviewer = actor("reviewerRegion", "");
    const added = await addComment(ctx.db, reviewer, { reportId: report.id, anchor: "applications/received/naturalPerson", body: "请核对自然人申请数" });
    expect(added.ok).toBe(true);
    expect(await addComment(ctx.db, actor("reviewerOtherRegion", ""), { reportId: report.id, anchor: null, body: "越权" })).toMatchObject({ ok: false, code: 404 });
    expect(await addComment(ctx.db, actor("clerkOwn", report.agencyId), { reportId: report.id, anchor: null, body: "x" })).toMatchObject({ ok: false, code: 403 });
    expect(await addComment(ctx.db, reviewer, { reportId: report.id, anchor: "applications/nope/total", body: "x" })).toMatchObject({ ok: false, code: 422 });
    const id = (added as { id: string }).id;
    expect(await resolveComment(ctx.db, actor("clerkOther", ""), { commentId: id })).toMatchObject({ ok: false, code: 404 });
    expect(await resolveComment(ctx.db, actor("clerkOwn", report.agencyId), { commentId: id })).toMatchObject({ ok: true });
    expect((await ctx.db.reviewComment.findUniqueOrThrow({ where: { id } })).resolvedAt).not.toBeNull();
    // a comment never bumps the report's version (no clerk's save is refused for it)
    expect((await ctx.db.report.findUniqueOrThrow({ where: { id: report.id } })).version).toBe(report.version);
  });

  it("the clerk replies (回复) to an open comment, scope-checked and audited; a resolved one takes no reply", async () => {
    const report = await reportIn("SUBMITTED");
    const reviewer = actor("reviewerRegion", "");
    const { id } = (await addComment(ctx.db, reviewer, { reportId: report.id, anchor: "narrative.overview", body: "请补充" })) as { id: string };
    const clerk = actor("clerkOwn", report.agencyId);
    expect(await replyToComment(ctx.db, clerk, { commentId: id, body: "  " })).toMatchObject({ ok: false, code: 422 });
    expect(await replyToComment(ctx.db, clerk, { commentId: id, body: "已补充\u0000" })).toMatchObject({ ok: false, code: 422 });
    expect(await replyToComment(ctx.db, actor("clerkOther", ""), { commentId: id, body: "越权" })).toMatchObject({ ok: false, code: 404 });
    expect(await replyToComment(ctx.db, actor("reviewerOtherRegion", ""), { commentId: id, body: "越权" })).toMatchObject({ ok: false, code: 404 });
    expect(await replyToComment(ctx.db, actor("admin", ""), { commentId: id, body: "管理员" })).toMatchObject({ ok: false, code: 403 });
    const replied = await replyToComment(ctx.db, clerk, { commentId: id, body: "已补充" });
    expect(replied.ok).toBe(true);
    expect(await replyToComment(ctx.db, reviewer, { commentId: id, body: "收到" })).toMatchObject({ ok: true });
    const replies = await ctx.db.reviewCommentReply.findMany({ where: { commentId: id }, orderBy: { createdAt: "asc" } });
    expect(replies.map((r) => r.body)).toEqual(["已补充", "收到"]);
    const audit = await ctx.db.auditEvent.findMany({ where: { reportId: report.id, action: "comment.replied" } });
    expect(audit.map((e) => (e.details as { body: string }).body).sort()).toEqual(["收到", "已补充"].sort());
    expect((await ctx.db.report.findUniqueOrThrow({ where: { id: report.id } })).version).toBe(report.version);
    await resolveComment(ctx.db, reviewer, { commentId: id });
    expect(await replyToComment(ctx.db, clerk, { commentId: id, body: "再补充" })).toMatchObject({ ok: false, code: 422 });
  });

  it("publication closes the comments still open, and says so in its audit record", async () => {
    const report = await reportIn("APPROVED");
    const reviewer = actor("reviewerRegion", "");
    const open = (await addComment(ctx.db, reviewer, { reportId: report.id, anchor: null, body: "仍未解决" })) as { id: string };
    const done = (await addComment(ctx.db, reviewer, { reportId: report.id, anchor: null, body: "已解决的" })) as { id: string };
    await resolveComment(ctx.db, reviewer, { commentId: done.id });
    const resolvedAt = (await ctx.db.reviewComment.findUniqueOrThrow({ where: { id: done.id } })).resolvedAt;
    const published = await transitionReport(ctx.db, reviewer, { reportId: report.id, action: "publish", expectedVersion: report.version });
    expect(published.ok).toBe(true);
    const after = await ctx.db.reviewComment.findMany({ where: { reportId: report.id } });
    expect(after.find((c) => c.id === open.id)).toMatchObject({ closedOnPublish: true, resolvedAt: expect.any(Date) });
    expect(after.find((c) => c.id === done.id)).toMatchObject({ closedOnPublish: false, resolvedAt });
    const event = await ctx.db.auditEvent.findFirstOrThrow({ where: { reportId: report.id, action: "report.published" }, orderBy: { at: "desc" } });
    expect(event.details).toMatchObject({ closedComments: 1 });
  });
});
