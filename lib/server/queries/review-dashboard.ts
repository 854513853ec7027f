import "server-only";
import type { CurrentUser } from "@/lib/auth/guard";
import { grantedShare, qualityFlags, rowSum, shareRange, tablesAllZero, type Figures, type QualityFlag, type QualityFlagId, type QualityInput } from "@/lib/quality/flags";
import type { ReportStatusName } from "@/lib/reports/status";
import { cellsOf, deriveSections, getTemplate, type ReportSections, type TemplateId } from "@/lib/templates";
import { db } from "../db";
import { regionPath } from "../regions/ensure-region";
import { TEMPLATE_ID } from "../reports/report-document";
import { reportFigures } from "./report-figures";

export interface DashboardFilters {
  year: number;
  status: ReportStatusName | "MISSING" | null;
  kind: "TOWNSHIP" | "DEPARTMENT" | null;
  flag: QualityFlagId | "ANY" | null;
}

export interface KeyFigures {
  received: number;
  grantedShare: number | null;
  reconsideration: number;
  litigation: number;
}

export interface DashboardRow {
  agency: { id: string; code: string; name: string; kind: "TOWNSHIP" | "DEPARTMENT"; regionName: string };
  report: { id: string; status: ReportStatusName; version: number; submittedAt: Date | null; publishedAt: Date | null } | null;
  figures: KeyFigures | null;
  flags: QualityFlag[];
}

/** The SQL prefix of the user's scope over Region.path ("" for an administrator: everything), as agenciesInScope (../access/scope.ts) draws it. */
function scopePrefix(user: CurrentUser): string | null {
  if (user.role === "ADMIN") return "";
  if (user.role === "REVIEWER" && user.regionCode) return regionPath(user.regionCode);
  return null;
}

type AgencyReportRow = {
  agencyId: string;
  code: string;
  name: string;
  kind: "TOWNSHIP" | "DEPARTMENT";
  regionName: string;
  reportId: string | null;
  year: number | null;
  /** the template's id as the database stores it ("2019", "2021") */
  template: TemplateId | null;
  status: ReportStatusName | null;
  version: number | null;
  submittedAt: Date | null;
  publishedAt: Date | null;
  updatedAt: Date | null;
};

/**
 * The review dashboard in a fixed number of queries, whatever the number of agencies: one
 * row per agency in scope and report of the year or the year before, then those reports'
 * non-zero cells (./report-figures.ts: only of the reports changed since this process last
 * read them), from which the flags, the key figures and the totals over the rows shown are
 * computed. The narratives are read only for the reports whose tables are all zero (the one
 * flag that reads them), not for every report.
 */
export async function getReviewDashboard(user: CurrentUser, filters: DashboardFilters) {
  const prefix = scopePrefix(user);
  const { year } = filters;
  const [region, years, rowsRead] = await Promise.all([
    user.regionCode ? db.region.findUnique({ where: { code: user.regionCode } }) : null,
    db.reportingYear.findMany({ orderBy: { year: "desc" }, select: { year: true, deadline: true, template: true } }),
    prefix === null
      ? []
      : db.$queryRaw<AgencyReportRow[]>`
          SELECT a.id AS "agencyId", a.code, a.name, a.kind::text AS kind, g.name AS "regionName",
                 r.id AS "reportId", r.year, r.template::text AS template, r.status::text AS status, r.version,
                 r."submittedAt", r."publishedAt", r."updatedAt"
            FROM "Agency" a
            JOIN "Region" g ON g.code = a."regionCode"
            LEFT JOIN "Report" r ON r."agencyId" = a.id AND r.year IN (${year}, ${year - 1})
           WHERE a.active AND g.path LIKE ${prefix + "%"}
           ORDER BY a.kind, a.code`,
  ]);
  const reportingYear = years.find((y) => y.year === year) ?? null;
  if (prefix === null) return { region, years, reportingYear, rows: [] as DashboardRow[], allCount: 0, totals: null, templateId: null };

  const figuresOf = await reportFigures(rowsRead.flatMap((r) => (r.reportId ? [{ id: r.reportId, version: r.version!, updatedAt: r.updatedAt! }] : [])));
  const agencies = new Map<string, { agency: DashboardRow["agency"]; reports: AgencyReportRow[] }>();
  for (const row of rowsRead) {
    const entry = agencies.get(row.agencyId) ?? { agency: { id: row.agencyId, code: row.code, name: row.name, kind: row.kind, regionName: row.regionName }, reports: [] };
    agencies.set(row.agencyId, entry);
    if (row.reportId) {
      entry.reports.push(row);
      // deleted since the first query: shown as blank
      if (!figuresOf.has(row.reportId)) figuresOf.set(row.reportId, {});
    }
  }
  const current = [...agencies.values()].map(({ agency, reports }) => ({
    agency,
    report: reports.find((r) => r.year === year) ?? null,
    last: reports.find((r) => r.year === year - 1) ?? null,
  }));
  const narratives = await narrativesOf(current.flatMap((c) => (c.report && tablesAllZero(figuresOf.get(c.report.reportId!)!) ? [c.report.reportId!] : [])));
  const range = shareRange(current.flatMap((c) => (c.report ? [grantedShare(c.report.template!, figuresOf.get(c.report.reportId!)!)] : [])));

  const all: DashboardRow[] = current.map(({ agency, report, last }) => {
    if (!report) return { agency, report: null, figures: null, flags: [] };
    const templateId = report.template!;
    const figures = figuresOf.get(report.reportId!)!;
    return {
      agency,
      report: { id: report.reportId!, status: report.status!, version: report.version!, submittedAt: report.submittedAt, publishedAt: report.publishedAt },
      figures: keyFigures(templateId, figures),
      flags: qualityFlags(
        {
          template: templateId,
          figures,
          narrative: narratives.get(report.reportId!) ?? {},
          lastYear: last && { template: last.template!, figures: figuresOf.get(last.reportId!)! },
        },
        range,
      ),
    };
  });

  const rows = all.filter(
    (r) =>
      (!filters.status || (r.report?.status ?? "MISSING") === filters.status) &&
      (!filters.kind || r.agency.kind === filters.kind) &&
      (!filters.flag || (filters.flag === "ANY" ? r.flags.length > 0 : r.flags.some((f) => f.id === filters.flag))),
  );

  const templateId: TemplateId = reportingYear ? TEMPLATE_ID[reportingYear.template] : year >= 2021 ? "2021" : "2019";
  const shownIds = rows.flatMap((r) => (r.report ? [r.report.id] : []));
  const totals = regionTotals(templateId, shownIds, figuresOf);
  return { region, years, reportingYear, rows, allCount: all.length, totals: { ...totals, reportCount: shownIds.length }, templateId };
}

/** The narratives of these reports (the flag "表格全为 0 但正文提到申请或案件" reads them). */
async function narrativesOf(reportIds: string[]): Promise<Map<string, QualityInput["narrative"]>> {
  if (reportIds.length === 0) return new Map();
  const reports = await db.report.findMany({ where: { id: { in: reportIds } }, select: { id: true, overview: true, problems: true, other: true } });
  return new Map(reports.map((r) => [r.id, r]));
}

/** One report's key figures, summed over the template's own rows as the quality flags read them. */
function keyFigures(templateId: TemplateId, figures: Figures): KeyFigures {
  return {
    received: rowSum(templateId, figures, "applications", "received"),
    grantedShare: grantedShare(templateId, figures),
    reconsideration: rowSum(templateId, figures, "reviewLitigation", "reconsideration"),
    litigation: rowSum(templateId, figures, "reviewLitigation", "litigationDirect") + rowSum(templateId, figures, "reviewLitigation", "litigationAfterReconsideration"),
  };
}

/** 三 and 四 summed over the given reports; derived cells are recomputed from the sums. */
function regionTotals(templateId: TemplateId, reportIds: string[], figuresOf: Map<string, Figures>): Pick<ReportSections, "applications" | "reviewLitigation"> {
  const t = getTemplate(templateId);
  const stated: Record<string, Record<string, Record<string, number>>> = { applications: {}, reviewLitigation: {} };
  const summed = new Map(cellsOf(t).filter((cell) => cell.section !== "proactive" && !cell.derived).map((cell) => [cell.id, cell]));
  for (const cell of summed.values()) (stated[cell.section]![cell.row] ??= {})[cell.column] = 0;
  // over each report's non-zero cells only (a report of another template adds what it shares)
  for (const id of reportIds) {
    for (const [cellKey, v] of Object.entries(figuresOf.get(id) ?? {})) {
      const cell = summed.get(cellKey);
      if (cell) stated[cell.section]![cell.row]![cell.column] += v;
    }
  }
  const derived = deriveSections(t, stated);
  return { applications: derived.applications, reviewLitigation: derived.reviewLitigation };
}
