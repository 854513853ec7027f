import "server-only";
import type { CurrentUser } from "@/lib/auth/guard";
import { documentToCells, type ReportDocument } from "@/lib/exchange";
import { grantedShare, qualityFlags, shareRange, type Figures } from "@/lib/quality/flags";
import { cellId } from "@/lib/templates";
import { validateDocument } from "@/lib/validation";
import { db } from "../db";
import { agencyInScope } from "../access/scope";
import { loadLastYearCarriedForward } from "../reports/last-year";
import { reportToDocument, reportWithContent, TEMPLATE_ID } from "../reports/report-document";
import { commentThreadInclude } from "./comment-threads";
import { snapshotChanges, type SubmissionSnapshot } from "../reports/submission-snapshot";

export function figuresOf(doc: ReportDocument): Figures {
  const figures: Figures = {};
  for (const c of documentToCells(doc)) if (c.value) figures[cellId(c.section, c.row, c.column)] = c.value;
  return figures;
}

/** A report in the user's scope with its agency, or null (unknown and out of scope look the same). */
export async function findReportInScope(user: CurrentUser, reportId: string) {
  const report = await db.report.findUnique({ where: { id: reportId }, include: reportWithContent });
  return report && agencyInScope(user, report.agency) ? report : null;
}

/**
 * Everything the review page shows about one report: the document as it will be published,
 * every rule result, the quality flags, what changed since the previous submission, last
 * year's figures, comments and published versions.
 */
export async function getReviewReport(user: CurrentUser, reportId: string) {
  const report = await findReportInScope(user, reportId);
  if (!report) return null;
  const doc = reportToDocument(report);
  const [lastYearCarry, lastYearReport, regionShares, submissions, submissionCount, comments, versions] = await Promise.all([
    loadLastYearCarriedForward(db, report.agency.code, report.year),
    db.report.findUnique({ where: { agencyId_year: { agencyId: report.agencyId, year: report.year - 1 } }, include: reportWithContent }),
    db.$queryRaw<{ granted: number | null; handled: number | null }[]>`
      SELECT SUM(c.value) FILTER (WHERE c.row = 'granted' AND c.column <> 'total')::float8 AS granted,
             SUM(c.value) FILTER (WHERE c.column <> 'total' AND c.row NOT IN ('received', 'carriedOver', 'handledTotal', 'carriedForward'))::float8 AS handled
      FROM "ReportCell" c
      JOIN "Report" r ON r.id = c."reportId"
      JOIN "Agency" a ON a.id = r."agencyId"
      WHERE r.year = ${report.year} AND a."regionCode" = ${report.agency.regionCode} AND a.active AND c.section = 'applications'
      GROUP BY c."reportId"`,
    db.auditEvent.findMany({ where: { reportId, action: "report.submit" }, orderBy: { at: "desc" }, take: 2, select: { at: true, details: true } }),
    // "第 N 次提交": the clerk's submissions (each a report.submit record), not Report.version,
    // which every save and transition bumps (internal versions show on the audit page only)
    db.auditEvent.count({ where: { reportId, action: "report.submit" } }),
    db.reviewComment.findMany({ where: { reportId }, orderBy: { createdAt: "asc" }, include: commentThreadInclude }),
    db.publishedVersion.findMany({ where: { reportId }, orderBy: { versionNo: "desc" }, select: { versionNo: true, changeNote: true, publishedAt: true } }),
  ]);
  const lastYearDoc = lastYearReport ? reportToDocument(lastYearReport) : null;
  const violations = validateDocument(doc, { mode: "submit", lastYear: lastYearCarry });
  const range = shareRange(regionShares.map((s) => (s.handled ? (s.granted ?? 0) / s.handled : null)));
  const flags = qualityFlags(
    { template: doc.template, figures: figuresOf(doc), narrative: doc.narrative, lastYear: lastYearDoc && { template: lastYearDoc.template, figures: figuresOf(lastYearDoc) } },
    range,
  );
  const snapshot = (d: unknown) => (d as { snapshot?: SubmissionSnapshot } | null)?.snapshot ?? null;
  const [newest, previous] = submissions.map((s) => ({ at: s.at, snapshot: snapshot(s.details) }));
  const sinceLastSubmission =
    newest?.snapshot && previous?.snapshot ? { newestAt: newest.at, previousAt: previous.at, ...snapshotChanges(previous.snapshot, newest.snapshot) } : null;
  return {
    report,
    templateId: TEMPLATE_ID[report.template],
    doc,
    violations,
    flags,
    shareOfThisReport: grantedShare(doc.template, figuresOf(doc)),
    sinceLastSubmission,
    submissionCount,
    lastYearDoc,
    comments,
    versions,
  };
}

/** The report's audit trail, oldest first, for anyone whose scope covers it (the clerk: own agency). */
export async function getReportAudit(user: CurrentUser, reportId: string) {
  const report = await db.report.findUnique({
    where: { id: reportId },
    select: { id: true, year: true, template: true, status: true, version: true, agency: { select: { id: true, code: true, name: true, region: { select: { path: true } } } } },
  });
  if (!report || !agencyInScope(user, report.agency)) return null;
  const events = await db.auditEvent.findMany({
    where: { reportId },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    include: { actor: { select: { displayName: true, username: true } } },
  });
  return { report, templateId: TEMPLATE_ID[report.template], events };
}
