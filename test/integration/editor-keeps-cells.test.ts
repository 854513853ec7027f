// The editor's page keeps the cells it read for the clerk's first save
// (lib/server/queries/report-editor.ts → keepReadReport in lib/server/reports/save-draft.ts): a
// save right after the page read compares with the page's copy and does not read the cells again,
// and a copy is never used once another write has moved the report on (the optimistic lock stays
// exact, and the audit names what was stored).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/guard";
import { documentToFormValues, formValuesToEntries } from "@/components/report-editor/model";
import * as saveDraftModule from "@/lib/server/reports/save-draft";
import { forgetKeptReports, saveDraft, type DraftEntries } from "@/lib/server/reports/save-draft";
import { clerkWithDraft, freshDatabase } from "./db-helpers";

vi.mock("server-only", () => ({}));

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let editor: typeof import("@/lib/server/queries/report-editor");
let clerk: CurrentUser;
let reportId = "";
const CELL = "applications/received/naturalPerson";
const where = () => ({ reportId_section_row_column: { reportId, section: "applications" as const, row: "received", column: "naturalPerson" } });

beforeAll(async () => {
  ctx = await freshDatabase("govreports_editor_cells");
  ({ clerk, reportId } = await clerkWithDraft(ctx.db));
  // the page reads through the app's own client (lib/server/db.ts)
  process.env.DATABASE_URL = ctx.url;
  editor = await import("@/lib/server/queries/report-editor");
});
afterAll(async () => ctx?.drop());
beforeEach(() => forgetKeptReports());

/** the page's read, and what its editor sends: every cell as loaded */
async function openEditor() {
  const page = await editor.getReportForEditor(clerk, reportId);
  if (!page) throw new Error("no report");
  return { version: page.version, entries: formValuesToEntries(documentToFormValues(page.document, page.cellTexts)) as DraftEntries };
}

function withCell(entries: DraftEntries, value: number | string): DraftEntries {
  const copy = structuredClone(entries) as DraftEntries & { applications: Record<string, Record<string, unknown>> };
  copy.applications.received!.naturalPerson = value;
  return copy;
}

async function lastAudit() {
  const e = await ctx.db.auditEvent.findFirstOrThrow({ where: { reportId, action: "report.saved" }, orderBy: { id: "desc" } });
  return (e.details as { cells: Record<string, unknown> }).cells;
}

/** a write by another instance: the cell and the version together, as every write to a report's cells does */
async function writeElsewhere(value: number) {
  await ctx.db.$transaction([
    ctx.db.reportCell.upsert({ where: where(), update: { value, text: null }, create: { ...where().reportId_section_row_column, value } }),
    ctx.db.report.update({ where: { id: reportId }, data: { version: { increment: 1 } } }),
  ]);
}

describe("the editor's page keeps the cells it read for the first save", () => {
  it("a save of the entries as loaded, right after the page read, changes nothing (the page's copy is the stored report, texts and decimals included)", async () => {
    const { version, entries } = await openEditor();
    const typed = withCell(entries, 3.25);
    (typed as { proactive: Record<string, Record<string, unknown>> }).proactive.fees!.amount = "—";
    expect(await saveDraft(ctx.db, clerk, { reportId, expectedVersion: version, entries: typed })).toMatchObject({ ok: true, version: version + 1 });
    forgetKeptReports();
    const reopened = await openEditor();
    expect(reopened.version).toBe(version + 1);
    expect(await saveDraft(ctx.db, clerk, { reportId, expectedVersion: version + 1, entries: reopened.entries })).toMatchObject({ ok: true, unchanged: true });
  });

  it("a save right after the page read compares with the page's copy and does not read the cells again", async () => {
    const { version, entries } = await openEditor();
    const before = (await ctx.db.reportCell.findUnique({ where: where() }))?.value;
    // a cell changed behind the version's back (nothing in the app does this): a save that read
    // the cells again would audit 99 as the old value
    await ctx.db.reportCell.upsert({ where: where(), update: { value: 99 }, create: { ...where().reportId_section_row_column, value: 99 } });
    expect(await saveDraft(ctx.db, clerk, { reportId, expectedVersion: version, entries: withCell(entries, 41) })).toMatchObject({ ok: true, version: version + 1 });
    expect((await lastAudit())[CELL]).toEqual([before === null || before === undefined ? null : Number(before), 41]);
  });

  it("the page's copy of the module and the save's share what is kept (Next builds one copy per route and one for instrumentation.ts)", async () => {
    vi.resetModules();
    const pageCopy = await import("@/lib/server/queries/report-editor");
    expect(pageCopy).not.toBe(editor);
    const page = await pageCopy.getReportForEditor(clerk, reportId);
    const before = (await ctx.db.reportCell.findUniqueOrThrow({ where: where() })).value;
    await ctx.db.reportCell.update({ where: where(), data: { value: 97 } });
    const entries = formValuesToEntries(documentToFormValues(page!.document, page!.cellTexts)) as DraftEntries;
    expect(await saveDraft(ctx.db, clerk, { reportId, expectedVersion: page!.version, entries: withCell(entries, 47) })).toMatchObject({ ok: true });
    expect((await lastAudit())[CELL]).toEqual([before === null ? null : Number(before), 47]);
  });

  it("without the page read, the first save reads the cells", async () => {
    const { version, entries } = await openEditor();
    forgetKeptReports();
    await ctx.db.reportCell.update({ where: where(), data: { value: 98 } });
    expect(await saveDraft(ctx.db, clerk, { reportId, expectedVersion: version, entries: withCell(entries, 42) })).toMatchObject({ ok: true });
    expect((await lastAudit())[CELL]).toEqual([98, 42]);
  });

  it("after another write the page's copy is never used: a save of the loaded version is refused, naming the cell, and the next one audits what is stored", async () => {
    const { version, entries } = await openEditor();
    await writeElsewhere(77);
    const refused = await saveDraft(ctx.db, clerk, { reportId, expectedVersion: version, entries: withCell(entries, 43), base: entries });
    expect(refused).toMatchObject({ ok: false, code: 409, currentVersion: version + 1 });
    if (!refused.ok) expect(refused.changedElsewhere).toEqual([expect.stringContaining("自然人")]);
    expect((await ctx.db.report.findUniqueOrThrow({ where: { id: reportId } })).version).toBe(version + 1);
    expect(await saveDraft(ctx.db, clerk, { reportId, expectedVersion: version + 1, entries: withCell(entries, 44) })).toMatchObject({ ok: true, version: version + 2 });
    expect((await lastAudit())[CELL]).toEqual([77, 44]);
  });

  it("a page read that meets a write between its row and its cells keeps nothing a save would use", async () => {
    // the page reads the row (version v), another instance writes, then the page reads the cells
    // (those of v + 1), as Prisma's include reads a relation after its row
    const { entries } = await openEditor();
    forgetKeptReports();
    const row = await ctx.db.report.findUniqueOrThrow({ where: { id: reportId } });
    await writeElsewhere(66);
    saveDraftModule.keepReadReport({ ...row, cells: await ctx.db.reportCell.findMany({ where: { reportId } }) });
    const { version: now } = await ctx.db.report.findUniqueOrThrow({ where: { id: reportId } });
    expect(now).toBe(row.version + 1);
    // behind the version's back: a save that used the copy kept under v would audit 66
    await ctx.db.reportCell.update({ where: where(), data: { value: 65 } });
    expect(await saveDraft(ctx.db, clerk, { reportId, expectedVersion: now, entries: withCell(entries, 45) })).toMatchObject({ ok: true });
    expect((await lastAudit())[CELL]).toEqual([65, 45]);
  });
});
