import type { CurrentUser } from "@/lib/auth/guard";
import { cellsOf, getTemplate, templateIdForYear } from "@/lib/templates";
import { clerkWriteRefusal } from "../access/report-access";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../prisma";
import { TEMPLATE_CODE, TEMPLATE_ID } from "./report-document";

export type CreateReportResult =
  | { ok: true; reportId: string; created: boolean; prefilledFrom: number | null }
  | { ok: false; code: 403 | 404 | 409; message: string };

/** A busy server must not abort a clerk's save half-way: generous limits, one short transaction. */
const TX_OPTIONS = { maxWait: 10_000, timeout: 30_000 };

/** The headings of a markdown text, each followed by a blank line: last year's outline without its text. */
export function markdownHeadings(text: string): string {
  const headings = text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => /^#{1,6}\s+\S/.test(l));
  return headings.length ? `${headings.join("\n\n")}\n\n` : "";
}

/**
 * 开始填报: creates the clerk's own agency's report for an open reporting year, in that
 * year's template, prefilled from last year's report where the system has it — contact,
 * the narrative's subheadings (not the text) and 上年结转 from last year's 结转下年度继续办理.
 * Starting a year that already has a report returns that report (two tabs, one report).
 */
export async function createReport(db: Db, user: CurrentUser, input: { year: number }): Promise<CreateReportResult> {
  if (user.role !== "CLERK" || !user.agencyId) return { ok: false, code: 403, message: "只有填报单位的经办人可以开始填报。" };
  const agencyId = user.agencyId;
  try {
    return await createInTransaction(db, user, agencyId, input.year);
  } catch (e) {
    // two tabs started the same year at once: the other one created it, open that one
    if ((e as { code?: string }).code !== "P2002") throw e;
    const existing = await db.report.findUnique({ where: { agencyId_year: { agencyId, year: input.year } }, select: { id: true } });
    if (!existing) throw e;
    return { ok: true, reportId: existing.id, created: false, prefilledFrom: null };
  }
}

function createInTransaction(db: Db, user: CurrentUser, agencyId: string, yearNo: number) {
  const input = { year: yearNo };
  return db.$transaction(async (tx): Promise<CreateReportResult> => {
    const year = await tx.reportingYear.findUnique({ where: { year: input.year } });
    if (!year) return { ok: false, code: 404, message: `没有 ${input.year} 报告年度。` };
    const existing = await tx.report.findUnique({ where: { agencyId_year: { agencyId, year: input.year } }, select: { id: true } });
    if (existing) return { ok: true, reportId: existing.id, created: false, prefilledFrom: null };
    // opening an existing report is reading; making one is a write, refused for an inactive agency
    const agency = await tx.agency.findUnique({ where: { id: agencyId }, select: { active: true } });
    if (!agency) return { ok: false, code: 403, message: "只有填报单位的经办人可以开始填报。" };
    const inactive = clerkWriteRefusal(user, agency);
    if (inactive) return { ok: false, code: 403, message: inactive };
    if (!year.open) return { ok: false, code: 409, message: `${input.year} 年度已关闭填报，不能新建报告。` };

    // the year's own template (set by the administrator), else the one the year implies
    const templateId = year.template ? TEMPLATE_ID[year.template] : templateIdForYear(input.year);
    const template = getTemplate(templateId);
    const last = await tx.report.findUnique({
      where: { agencyId_year: { agencyId, year: input.year - 1 } },
      include: { cells: { where: { section: "applications", row: template.sections.applications.carryOver.lastYearRow } } },
    });
    const carried = new Map((last?.cells ?? []).map((c) => [c.column, c.value]));
    const report = await tx.report.create({
      data: {
        agencyId,
        year: input.year,
        template: TEMPLATE_CODE[templateId],
        contactAddress: last?.contactAddress ?? "",
        contactPhone: last?.contactPhone ?? "",
        contactEmail: last?.contactEmail ?? "",
        overview: last ? markdownHeadings(last.overview) : "",
        problems: last ? markdownHeadings(last.problems) : "",
        other: last ? markdownHeadings(last.other) : "",
      },
    });
    const carryRow = template.sections.applications.carryOver.row;
    await tx.reportCell.createMany({
      data: cellsOf(template).map((c) => ({
        reportId: report.id,
        section: c.section,
        row: c.row,
        column: c.column,
        value: c.section === "applications" && c.row === carryRow ? (carried.get(c.column) ?? null) : null,
      })),
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "report.created",
      entityType: "Report",
      entityId: report.id,
      reportId: report.id,
      details: { year: input.year, template: templateId, prefilledFrom: last ? last.year : null },
    });
    return { ok: true, reportId: report.id, created: true, prefilledFrom: last ? last.year : null };
  }, TX_OPTIONS);
}
