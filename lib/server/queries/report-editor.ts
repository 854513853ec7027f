import "server-only";
import type { CurrentUser } from "@/lib/auth/guard";
import type { ReportStatusName } from "@/lib/reports/status";
import { db } from "../db";
import { agenciesInScope } from "../access/scope";
import { loadLastYearCarriedForward } from "../reports/last-year";
import { cellTextsOf } from "../reports/cell-texts";
import { keepReadReport } from "../reports/save-draft";
import { isEditable } from "@/lib/workflow/transitions";
import { reportToDocument, reportWithContent } from "../reports/report-document";

/**
 * Everything the editor needs for one report, or null when the report does not exist or
 * is outside the user's scope (the page then answers 404, whatever id was asked for).
 */
export async function getReportForEditor(user: CurrentUser, reportId: string) {
  const report = await db.report.findFirst({
    where: { id: reportId, agency: agenciesInScope(user) },
    include: {
      ...reportWithContent,
      comments: { where: { resolvedAt: null }, orderBy: { createdAt: "asc" }, include: { author: { select: { displayName: true } } } },
    },
  });
  if (!report) return null;
  // the clerk's first save from this page then reads the report's row alone (../reports/save-draft.ts)
  if (isEditable(report.status as ReportStatusName)) keepReadReport(report);
  const lastYear = await loadLastYearCarriedForward(db, report.agency.code, report.year);
  return {
    id: report.id,
    status: report.status as ReportStatusName,
    version: report.version,
    year: report.year,
    returnReason: report.returnReason,
    correctionReason: report.correctionReason,
    updatedAt: report.updatedAt.toISOString(),
    document: reportToDocument(report),
    /** text typed in number cells, kept with the draft */
    cellTexts: cellTextsOf(report.cells),
    lastYear,
    comments: report.comments.map((c) => ({
      id: c.id,
      anchor: c.anchor,
      body: c.body,
      author: c.author.displayName,
      createdAt: c.createdAt.toISOString(),
    })),
  };
}

export type EditorReport = NonNullable<Awaited<ReturnType<typeof getReportForEditor>>>;
