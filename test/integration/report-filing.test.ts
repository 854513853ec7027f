// Clerk filing on a real database: create-report (prefill from last year), save-draft
// (scope, state, version, values, audit) and submit through the workflow.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/guard";
import { cellsOf as cellsOfTemplate, emptySections, MAX_CELL_VALUE, getTemplate, type ReportSections } from "@/lib/templates";
import { createReport, markdownHeadings } from "@/lib/server/reports/create-report";
import { forgetKeptReports, saveDraft, type DraftEntries } from "@/lib/server/reports/save-draft";
import { submitReport } from "@/lib/server/reports/submit-report";
import { freshDatabase, helanTownships, testUser } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let clerk: CurrentUser;
let otherClerk: CurrentUser;

beforeAll(async () => {
  ctx = await freshDatabase("govreports_filing");
  const db = ctx.db;
  const [a, b] = await helanTownships(db, [["640122101000", "贺兰县金贵镇"]]);
  for (const year of [2020, 2021, 2022, 2023, 2024]) {
    await db.reportingYear.create({ data: { year, template: year >= 2021 ? "T2021" : "T2019", open: year !== 2024 } });
  }
  clerk = await testUser(db, "c1", "CLERK", { displayName: "习岗经办人", agencyId: a!.id });
  otherClerk = await testUser(db, "c2", "CLERK", { displayName: "金贵经办人", agencyId: b!.id });
});
afterAll(async () => ctx?.drop());

const t2021 = getTemplate("2021");

/** A complete, consistent 2021 report's entries (derived cells left to the system). */
function fullEntries(): DraftEntries & { applications: ReportSections["applications"] } {
  const s = emptySections(t2021, 1);
  // every applicant column: received 30 + carriedOver 2 = handled (11 + 20 × 1) + carriedForward 1
  const handledRows = t2021.sections.applications.rows.filter((r) => !r.derived && !["received", "carriedOver", "carriedForward"].includes(r.key));
  for (const col of t2021.sections.applications.columns) {
    if (col.derived) continue;
    s.applications.received![col.key] = 30;
    s.applications.carriedOver![col.key] = 2;
    s.applications.carriedForward![col.key] = 1;
    handledRows.forEach((r, i) => (s.applications[r.key]![col.key] = i === 0 ? 32 - handledRows.length : 1));
  }
  for (const r of t2021.sections.applications.rows) if (r.derived) for (const c of r.columns) s.applications[r.key]![c.key] = null;
  for (const r of t2021.sections.applications.rows) s.applications[r.key]!.total = null;
  for (const g of Object.keys(s.reviewLitigation)) s.reviewLitigation[g]!.total = null;
  s.proactive.fees!.amount = 12.5;
  return {
    issuedOn: "2022-01-20",
    contact: { address: "贺兰县水源街10号", phone: "0951-8061253", email: "xg@example.cn" },
    narrative: { overview: "### （一）主动公开\n\n全年主动公开信息 687 条。", problems: "公开深度不够。", other: "" },
    ...s,
  };
}

async function cellsOf(reportId: string) {
  const cells = await ctx.db.reportCell.findMany({ where: { reportId } });
  return new Map(cells.map((c) => [`${c.section}/${c.row}/${c.column}`, c.value === null ? null : Number(c.value)]));
}

describe("createReport", () => {
  it("prefills contact, subheadings and 上年结转 from last year's report", async () => {
    const last = await createReport(ctx.db, clerk, { year: 2021 });
    expect(last).toMatchObject({ ok: true, created: true, prefilledFrom: null });
    if (!last.ok) return;
    const saved = await saveDraft(ctx.db, clerk, { reportId: last.reportId, expectedVersion: 1, entries: fullEntries() });
    expect(saved).toMatchObject({ ok: true, version: 2 });

    const r = await createReport(ctx.db, clerk, { year: 2022 });
    expect(r).toMatchObject({ ok: true, created: true, prefilledFrom: 2021 });
    if (!r.ok) return;
    const report = await ctx.db.report.findUniqueOrThrow({ where: { id: r.reportId } });
    expect(report).toMatchObject({ template: "T2021", status: "DRAFT", contactAddress: "贺兰县水源街10号", contactEmail: "xg@example.cn" });
    expect(report.overview).toBe("### （一）主动公开\n\n");
    expect(report.problems).toBe("");
    const cells = await cellsOf(r.reportId);
    expect(cells.get("applications/carriedOver/naturalPerson")).toBe(1);
    expect(cells.get("applications/received/naturalPerson")).toBeNull();
    expect(cells.size).toBe(cellsOfTemplate(t2021).length);
    expect(await ctx.db.auditEvent.count({ where: { reportId: r.reportId, action: "report.created" } })).toBe(1);
    // starting the same year again opens the same report
    expect(await createReport(ctx.db, clerk, { year: 2022 })).toMatchObject({ ok: true, reportId: r.reportId, created: false });
  });

  it("refuses a closed year and a user without an agency", async () => {
    expect(await createReport(ctx.db, clerk, { year: 2024 })).toMatchObject({ ok: false, code: 409 });
    expect(await createReport(ctx.db, { ...clerk, role: "REVIEWER", agencyId: null, regionCode: "640122" }, { year: 2023 })).toMatchObject({ ok: false, code: 403 });
    expect(markdownHeadings("正文\n## 一\n文字\n### （二）二\n")).toBe("## 一\n\n### （二）二\n\n");
  });
});

describe("saveDraft and submit", () => {
  let reportId: string;
  beforeAll(async () => {
    const r = await createReport(ctx.db, clerk, { year: 2023 });
    if (!r.ok) throw new Error(r.message);
    reportId = r.reportId;
  });
  const version = async () => (await ctx.db.report.findUniqueOrThrow({ where: { id: reportId } })).version;

  it("saves a draft with rule errors and audits every changed cell (old → new) and text", async () => {
    const entries = fullEntries();
    entries.applications.received!.naturalPerson = 13; // breaks the 勾稽关系: still a draft
    entries.proactive!.regulations!.issued = -1; // a negative count is flagged, not refused
    const r = await saveDraft(ctx.db, clerk, { reportId, expectedVersion: await version(), entries });
    expect(r).toMatchObject({ ok: true });
    const cells = await cellsOf(reportId);
    expect(cells.get("applications/received/naturalPerson")).toBe(13);
    expect(cells.get("proactive/regulations/issued")).toBe(-1);
    expect(cells.get("proactive/fees/amount")).toBe(12.5);
    expect(cells.get("applications/received/total")).toBe(13 + 5 * 30); // derived: computed and stored
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { reportId, action: "report.saved" }, orderBy: { at: "desc" } });
    const details = audit.details as { cells: Record<string, [number | null, number | null]>; texts: Record<string, [string, string]> };
    expect(details.cells["applications/received/naturalPerson"]).toEqual([null, 13]);
    expect(details.cells["proactive/fees/amount"]).toEqual([null, 12.5]);
    expect(details.texts["narrative.problems"]).toEqual(["", "公开深度不够。"]);
    expect(audit.actorId).toBe(clerk.id);
  });

  it("refuses a foreign report id with 404 and changes nothing", async () => {
    const before = await ctx.db.report.findUniqueOrThrow({ where: { id: reportId }, include: { cells: true } });
    const r = await saveDraft(ctx.db, otherClerk, { reportId, expectedVersion: before.version, entries: { ...fullEntries(), contact: { address: "伪造", phone: "1", email: "a@b.cn" } } });
    expect(r).toMatchObject({ ok: false, code: 404, message: "报告不存在。" });
    const s = await submitReport(ctx.db, otherClerk, { reportId, expectedVersion: before.version });
    expect(s).toMatchObject({ ok: false, code: 404 });
    const after = await ctx.db.report.findUniqueOrThrow({ where: { id: reportId }, include: { cells: true } });
    expect(after).toEqual(before);
  });

  it("refuses a stale version, naming the cells changed elsewhere, and stores nothing", async () => {
    const v = await version();
    const loaded = fullEntries();
    loaded.applications.received!.naturalPerson = 13;
    loaded.proactive!.regulations!.issued = -1;
    // another tab saves first: 自然人 of 一、本年新收 becomes 10
    const first = await saveDraft(ctx.db, clerk, { reportId, expectedVersion: v, entries: { ...fullEntries(), proactive: { ...fullEntries().proactive, regulations: { issued: -1, repealed: 1, inForce: 1 } } }, base: loaded });
    expect(first).toMatchObject({ ok: true, version: v + 1 });
    const mine = { ...loaded, narrative: { ...loaded.narrative!, problems: "我的修改" } };
    const r = await saveDraft(ctx.db, clerk, { reportId, expectedVersion: v, entries: mine, base: loaded });
    expect(r).toMatchObject({ ok: false, code: 409, currentVersion: v + 1 });
    if (r.ok) return;
    expect(r.changedElsewhere).toEqual(["一、本年新收政府信息公开申请数量 自然人"]);
    expect(r.message).toContain("一、本年新收政府信息公开申请数量 自然人");
    expect((await ctx.db.report.findUniqueOrThrow({ where: { id: reportId } })).problems).toBe("公开深度不够。");
  });

  it("compares with the copy this process kept only while the report's version and update time are the ones it saved", async () => {
    const where = { reportId_section_row_column: { reportId, section: "applications" as const, row: "received", column: "naturalPerson" } };
    const lastAudit = async () =>
      ((await ctx.db.auditEvent.findFirstOrThrow({ where: { reportId, action: "report.saved" }, orderBy: { id: "desc" } })).details as { cells: Record<string, unknown> }).cells[
        "applications/received/naturalPerson"
      ];
    const save = async (n: number) => {
      const entries = fullEntries();
      entries.applications.received!.naturalPerson = n;
      return saveDraft(ctx.db, clerk, { reportId, expectedVersion: await version(), entries });
    };
    expect(await save(21)).toMatchObject({ ok: true });
    // another instance stores 22 (its write bumps the version and update time, as every write to
    // a report's cells does): the next save here reads the cells afresh and audits 22 → 23
    await ctx.db.reportCell.update({ where, data: { value: 22 } });
    await ctx.db.report.update({ where: { id: reportId }, data: { version: { increment: 1 } } });
    expect(await save(23)).toMatchObject({ ok: true });
    expect(await lastAudit()).toEqual([22, 23]);
    // a cell changed behind the version's back (nothing in the app does this) is not seen: the
    // kept copy of the version this process saved is what the save compares with
    await ctx.db.reportCell.update({ where, data: { value: 99 } });
    expect(await save(24)).toMatchObject({ ok: true });
    expect(await lastAudit()).toEqual([23, 24]);
    forgetKeptReports();
    await ctx.db.reportCell.update({ where, data: { value: 99 } });
    expect(await save(25)).toMatchObject({ ok: true });
    expect(await lastAudit()).toEqual([99, 25]);
  });

  it("two saves of the same version at the same moment: one is stored whole, the other refused", async () => {
    const v = await version();
    const auditsBefore = await ctx.db.auditEvent.count({ where: { reportId, action: "report.saved" } });
    const entriesWith = (n: number, problems: string) => {
      const e = fullEntries();
      e.applications.received!.naturalPerson = n;
      e.narrative = { ...e.narrative!, problems };
      return e;
    };
    const results = await Promise.all([
      saveDraft(ctx.db, clerk, { reportId, expectedVersion: v, entries: entriesWith(101, "甲的修改") }),
      saveDraft(ctx.db, clerk, { reportId, expectedVersion: v, entries: entriesWith(202, "乙的修改") }),
    ]);
    const won = results.findIndex((r) => r.ok);
    expect(won).toBeGreaterThanOrEqual(0);
    expect(results[1 - won]).toMatchObject({ ok: false, code: 409, currentVersion: v + 1 });
    const report = await ctx.db.report.findUniqueOrThrow({ where: { id: reportId } });
    expect(report.version).toBe(v + 1);
    // the winner's cells and texts together, never a mix
    expect([report.problems, (await cellsOf(reportId)).get("applications/received/naturalPerson")]).toEqual(won === 0 ? ["甲的修改", 101] : ["乙的修改", 202]);
    expect(await ctx.db.auditEvent.count({ where: { reportId, action: "report.saved" } })).toBe(auditsBefore + 1);
    // back to the entries the next tests start from
    expect(await saveDraft(ctx.db, clerk, { reportId, expectedVersion: v + 1, entries: fullEntries() })).toMatchObject({ ok: true });
  });

  it("keeps text that is not a number with the draft (the cell blank), and refuses to submit it, naming the cell", async () => {
    const v = await version();
    const entries = fullEntries() as DraftEntries;
    (entries.applications as Record<string, Record<string, unknown>>).granted!.commercial = " — ";
    entries.narrative = { ...entries.narrative!, problems: "与文字一起保存" };
    const r = await saveDraft(ctx.db, clerk, { reportId, expectedVersion: v, entries });
    expect(r).toMatchObject({ ok: true, version: v + 1 });
    const where = { reportId_section_row_column: { reportId, section: "applications" as const, row: "granted", column: "commercial" } };
    expect(await ctx.db.reportCell.findUniqueOrThrow({ where })).toMatchObject({ value: null, text: "—" });
    expect((await ctx.db.report.findUniqueOrThrow({ where: { id: reportId } })).problems).toBe("与文字一起保存");
    // saving the same entries again changes nothing
    expect(await saveDraft(ctx.db, clerk, { reportId, expectedVersion: v + 1, entries })).toMatchObject({ ok: true, unchanged: true });

    const refused = await submitReport(ctx.db, clerk, { reportId, expectedVersion: v + 1 });
    expect(refused).toMatchObject({ ok: false, code: 422 });
    if (!refused.ok) expect(refused.violations?.[0]).toMatchObject({ cells: ["applications/granted/commercial"], message: expect.stringContaining("「—」不是数字") });
    expect((await ctx.db.report.findUniqueOrThrow({ where: { id: reportId } })).status).toBe("DRAFT");

    // a number in its place clears the text
    expect(await saveDraft(ctx.db, clerk, { reportId, expectedVersion: v + 1, entries: fullEntries() })).toMatchObject({ ok: true });
    expect(await ctx.db.reportCell.findUniqueOrThrow({ where })).toMatchObject({ text: null });
  });

  it("still refuses a value of another kind (an object), naming the cell, and stores nothing", async () => {
    const v = await version();
    const entries = fullEntries() as DraftEntries;
    (entries.applications as Record<string, Record<string, unknown>>).granted!.commercial = { x: 1 };
    const r = await saveDraft(ctx.db, clerk, { reportId, expectedVersion: v, entries });
    expect(r).toMatchObject({ ok: false, code: 422 });
    if (r.ok) return;
    expect(r.problems?.[0]?.cell).toBe("applications/granted/commercial");
    expect(r.message).toContain("（一）予以公开");
    expect((await ctx.db.report.findUniqueOrThrow({ where: { id: reportId } })).version).toBe(v);
  });

  it("reads text that is a number as the editor does, and refuses a figure above MAX_CELL_VALUE as the rules do", async () => {
    const v = await version();
    const where = { reportId_section_row_column: { reportId, section: "applications" as const, row: "granted", column: "commercial" } };
    const entries = fullEntries() as DraftEntries;
    const granted = (entries.applications as Record<string, Record<string, unknown>>).granted!;
    granted.commercial = " １,２３４ ";
    expect(await saveDraft(ctx.db, clerk, { reportId, expectedVersion: v, entries })).toMatchObject({ ok: true });
    expect(await ctx.db.reportCell.findUniqueOrThrow({ where })).toMatchObject({ text: null });
    expect(Number((await ctx.db.reportCell.findUniqueOrThrow({ where })).value)).toBe(1234);
    // the largest figure is one bound, the same as validateReport's, not a second, larger one
    for (const tooLarge of [MAX_CELL_VALUE + 1, 5e12, "2,000,000,000,000"]) {
      granted.commercial = tooLarge;
      const r = await saveDraft(ctx.db, clerk, { reportId, expectedVersion: v + 1, entries });
      expect(r).toMatchObject({ ok: false, code: 422, problems: [{ cell: "applications/granted/commercial", message: expect.stringContaining("数值过大") }] });
    }
    granted.commercial = MAX_CELL_VALUE;
    expect(await saveDraft(ctx.db, clerk, { reportId, expectedVersion: v + 1, entries })).toMatchObject({ ok: true });
    expect(await saveDraft(ctx.db, clerk, { reportId, expectedVersion: v + 2, entries: fullEntries() })).toMatchObject({ ok: true });
  });

  it("refuses to submit a broken 勾稽关系, naming the column and both amounts", async () => {
    const v = await version();
    const entries = fullEntries();
    entries.applications.received!.commercial = 31;
    expect(await saveDraft(ctx.db, clerk, { reportId, expectedVersion: v, entries })).toMatchObject({ ok: true });
    const r = await submitReport(ctx.db, clerk, { reportId, expectedVersion: v + 1 });
    expect(r).toMatchObject({ ok: false, code: 422 });
    if (r.ok) return;
    const balance = r.violations?.find((x) => x.ruleId === "balance");
    expect(balance?.message).toContain("商业企业");
    expect(balance?.message).toContain("33");
    expect(balance?.message).toContain("32");
    expect((await ctx.db.report.findUniqueOrThrow({ where: { id: reportId } })).status).toBe("DRAFT");
  });

  it("refuses to submit with a required field missing, then submits the complete report and locks it", async () => {
    let v = await version();
    const entries = fullEntries();
    entries.reviewLitigation!.reconsideration!.pending = null;
    expect(await saveDraft(ctx.db, clerk, { reportId, expectedVersion: v, entries })).toMatchObject({ ok: true });
    const refused = await submitReport(ctx.db, clerk, { reportId, expectedVersion: v + 1 });
    expect(refused).toMatchObject({ ok: false, code: 422 });
    if (!refused.ok) expect(refused.violations?.some((x) => x.ruleId === "required" && x.cells.includes("reviewLitigation/reconsideration/pending"))).toBe(true);
    expect((await ctx.db.report.findUniqueOrThrow({ where: { id: reportId } })).status).toBe("DRAFT");

    v = await version();
    expect(await saveDraft(ctx.db, clerk, { reportId, expectedVersion: v, entries: fullEntries() })).toMatchObject({ ok: true });
    expect(await submitReport(ctx.db, clerk, { reportId, expectedVersion: v + 1 })).toMatchObject({ ok: true, status: "SUBMITTED" });
    const locked = await saveDraft(ctx.db, clerk, { reportId, expectedVersion: v + 2, entries: fullEntries() });
    expect(locked).toMatchObject({ ok: false, code: 409 });
    if (!locked.ok) expect(locked.message).toContain("待审核");
  });
});
