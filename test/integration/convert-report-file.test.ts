// POST /api/convert's operation on a real database: the agency is the clerk's own or one
// in the user's scope, never another; nothing is saved; bad files get a Chinese message.
import fs from "node:fs";
import * as cheerio from "cheerio";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReportDocumentView } from "@/components/reports/ReportDocumentView";
import type { CurrentUser } from "@/lib/auth/guard";
import { writeDocx } from "@/lib/documents/docx-writer";
import { exportDocument, MAX_REPORT_FILE_BYTES, type ReportDocument } from "@/lib/exchange";
import { convertReportFile } from "@/lib/server/reports/convert-report-file";
import { importReport } from "@/lib/server/reports/import-report";
import { hostileFiles } from "../support/hostile-files";
import { freshDatabase } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const seed: ReportDocument = exportDocument(JSON.parse(fs.readFileSync("data/fixtures/xigang-2020.json", "utf8")));
const user = (role: CurrentUser["role"], scope: { regionCode?: string; agencyId?: string }): CurrentUser => ({
  id: `u-${role}`,
  username: role.toLowerCase(),
  displayName: role,
  role,
  regionCode: scope.regionCode ?? null,
  agencyId: scope.agencyId ?? null,
  mustChangePassword: false,
});

/** The public page saved by a browser, without the data attributes carrying the codes. */
function pageWithoutCodes(doc: ReportDocument): Buffer {
  const $ = cheerio.load(`<html><body>${renderToStaticMarkup(createElement(ReportDocumentView, { doc }))}</body></html>`);
  $("[data-agency-code]").removeAttr("data-agency-code").removeAttr("data-region-code").removeAttr("data-region-name");
  return Buffer.from($.html());
}

async function counts() {
  return { reports: await ctx.db.report.count(), cells: await ctx.db.reportCell.count(), audit: await ctx.db.auditEvent.count(), versions: await ctx.db.publishedVersion.count() };
}

beforeAll(async () => {
  ctx = await freshDatabase("govreports_convert");
  const imported = await importReport(ctx.db, seed, { publish: true, actor: { label: "test" } });
  expect(imported.ok).toBe(true);
  const elsewhere = exportDocument({ ...seed, agency: { code: "640205100000", name: "惠农区某镇", region: { code: "640205", name: "惠农区" } } });
  expect((await importReport(ctx.db, elsewhere, { publish: false, actor: { label: "test" } })).ok).toBe(true);
});
afterAll(async () => {
  await ctx?.drop();
});

describe("convertReportFile", () => {
  it("a clerk's Word file comes back as the report with the clerk's own agency, and nothing is saved", async () => {
    const agency = await ctx.db.agency.findUniqueOrThrow({ where: { code: "640122100000" } });
    const before = await counts();
    const result = await convertReportFile(ctx.db, user("CLERK", { agencyId: agency.id }), await writeDocx(seed));
    expect(result).toEqual({ ok: true, document: seed, problems: [] });
    expect(await counts()).toEqual(before);
  });

  it("a reviewer gets the agency the page names when it is in the region; a reviewer elsewhere does not", async () => {
    const page = pageWithoutCodes(seed);
    const inScope = await convertReportFile(ctx.db, user("REVIEWER", { regionCode: "640122" }), page);
    expect(inScope).toEqual({ ok: true, document: seed, problems: [] });
    const outside = await convertReportFile(ctx.db, user("REVIEWER", { regionCode: "640205" }), page);
    if (!outside.ok) throw new Error(outside.error);
    expect(outside.document.agency).toEqual({ code: "", name: "贺兰县习岗镇", region: { code: "", name: "" } });
    expect(outside.problems).toEqual([{ where: "单位", reason: "没有在您的权限范围内找到文件所写的单位" }]);
  });

  it("an empty, oversized or foreign file is refused with a Chinese message", async () => {
    const admin = user("ADMIN", {});
    expect(await convertReportFile(ctx.db, admin, new Uint8Array())).toEqual({ ok: false, status: 400, error: "文件是空的。" });
    expect(await convertReportFile(ctx.db, admin, new Uint8Array(MAX_REPORT_FILE_BYTES + 1))).toMatchObject({ ok: false, status: 413 });
    expect(await convertReportFile(ctx.db, admin, Buffer.from("%PDF-1.7"))).toMatchObject({ ok: false, status: 422, error: expect.stringContaining("不支持的文件类型") });
  });

  it("a hostile file is refused (422) with the limit's message; one file at a time per user (429)", async () => {
    const clerk = user("CLERK", { agencyId: (await ctx.db.agency.findUniqueOrThrow({ where: { code: "640122100000" } })).id });
    const gridSpan = (await hostileFiles()).find((f) => f.filename === "gridspan.docx")!;
    expect(await convertReportFile(ctx.db, clerk, gridSpan.bytes)).toEqual({ ok: false, status: 422, error: "表格过大：合并单元格跨越 100000000 列，超过上限 200 列" });
    const bytes = await writeDocx(seed);
    const [first, second] = await Promise.all([convertReportFile(ctx.db, clerk, bytes), convertReportFile(ctx.db, clerk, bytes)]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toEqual({ ok: false, status: 429, error: "您已有一个文件正在转换，请等它完成后再导入下一个。" });
    // and the next one, after the first is done
    expect(await convertReportFile(ctx.db, clerk, bytes)).toMatchObject({ ok: true });
  });

  it("one file at a time per user across app processes: another instance's live lease refuses (429), an expired one does not", async () => {
    const clerk = user("CLERK", { agencyId: (await ctx.db.agency.findUniqueOrThrow({ where: { code: "640122100000" } })).id });
    const bytes = await writeDocx(seed);
    // what another app process writes while it converts this user's file
    await ctx.db.conversionLease.create({ data: { userId: clerk.id, expiresAt: new Date(Date.now() + 30_000) } });
    expect(await convertReportFile(ctx.db, clerk, bytes)).toEqual({ ok: false, status: 429, error: "您已有一个文件正在转换，请等它完成后再导入下一个。" });
    // that process died: its lease runs out and is taken over, then given back
    await ctx.db.conversionLease.update({ where: { userId: clerk.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expect(await convertReportFile(ctx.db, clerk, bytes)).toMatchObject({ ok: true });
    expect(await ctx.db.conversionLease.count({ where: { userId: clerk.id } })).toBe(0);
  });
});
