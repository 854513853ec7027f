import "server-only";
import type { CurrentUser } from "@/lib/auth/guard";
import { grantedShare, qualityFlags, rowSum, shareRange, type Figures, type QualityFlag, type QualityFlagId } from "@/lib/quality/flags";
import type { ReportStatusName } from "@/lib/reports/status";
import { cellId, cellsOf, deriveSections, getTemplate, type ReportSections, type TemplateId } from "@/lib/templates";
import { db } from "../db";
import { agenciesInScope } from "../access/scope";
import { regionPath } from "../regions/ensure-region";
import { TEMPLATE_ID } from "../reports/report-document";

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

/** The SQL prefix of the user's scope over Region.path ("" for an administrator: everything). */
function scopePrefix(user: CurrentUser): string | null {
  if (user.role === "ADMIN") return "";
  if (user.role === "REVIEWER" && user.regionCode) return regionPath(user.regionCode);
  return null;
}

type CellRow = { reportId: string; section: string; row: string; column: string; value: number };

/**
 * The review dashboard in a fixed number of queries, whatever the number of agencies:
 * agencies with their reports of the year and the year before, and the non-zero cells of those
 * reports, from which the flags, the key figures and the totals over the rows shown are computed.
 */
export async function getReviewDashboard(user: CurrentUser, filters: DashboardFilters) {
  const prefix = scopePrefix(user);
  const { year } = filters;
  const [region, years, agencies] = await Promise.all([
    user.regionCode ? db.region.findUnique({ where: { code: user.regionCode } }) : null,
    db.reportingYear.findMany({ orderBy: { year: "desc" }, select: { year: true, deadline: true, template: true } }),
    prefix === null
      ? []
      : db.agency.findMany({
          where: { ...agenciesInScope(user), active: true },
          orderBy: [{ kind: "asc" }, { code: "asc" }],
          select: {
            id: true,
            code: true,
            name: true,
            kind: true,
            region: { select: { name: true } },
            reports: {
              where: { year: { in: [year, year - 1] } },
              select: { id: true, year: true, template: true, status: true, version: true, submittedAt: true, publishedAt: true, overview: true, problems: true, other: true },
            },
          },
        }),
  ]);
  const reportingYear = years.find((y) => y.year === year) ?? null;
  if (prefix === null) return { region, years, reportingYear, rows: [] as DashboardRow[], allCount: 0, totals: null, templateId: null };

  // the non-zero cells of this year's and last year's reports: the flags, the key figures and
  // the totals are all computed from them (三 and 四 hold whole counts, exact as float8)
  const cells = await db.$queryRaw<CellRow[]>`
      SELECT c."reportId", c.section::text AS section, c.row, c.column, c.value::float8 AS value
      FROM "ReportCell" c
      JOIN "Report" r ON r.id = c."reportId"
      JOIN "Agency" a ON a.id = r."agencyId"
      JOIN "Region" g ON g.code = a."regionCode"
      WHERE r.year IN (${year}, ${year - 1}) AND a.active AND g.path LIKE ${prefix + "%"}
        AND c.value IS NOT NULL AND c.value <> 0`;

  const figuresOf = new Map<string, Figures>();
  for (const c of cells) (figuresOf.get(c.reportId) ?? figuresOf.set(c.reportId, {}).get(c.reportId)!)[`${c.section}/${c.row}/${c.column}`] = c.value;

  const current = agencies.map((a) => ({ agency: a, report: a.reports.find((r) => r.year === year) ?? null, last: a.reports.find((r) => r.year === year - 1) ?? null }));
  const range = shareRange(current.filter((c) => c.report).map((c) => grantedShare(TEMPLATE_ID[c.report!.template], figuresOf.get(c.report!.id) ?? {})));

  const all: DashboardRow[] = current.map(({ agency, report, last }) => {
    return {
      agency: { id: agency.id, code: agency.code, name: agency.name, kind: agency.kind, regionName: agency.region.name },
      report: report && { id: report.id, status: report.status, version: report.version, submittedAt: report.submittedAt, publishedAt: report.publishedAt },
      figures: report ? keyFigures(TEMPLATE_ID[report.template], figuresOf.get(report.id) ?? {}) : null,
      flags: report
        ? qualityFlags(
            {
              template: TEMPLATE_ID[report.template],
              figures: figuresOf.get(report.id) ?? {},
              narrative: report,
              lastYear: last && { template: TEMPLATE_ID[last.template], figures: figuresOf.get(last.id) ?? {} },
            },
            range,
          )
        : [],
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
  const summed = cellsOf(t).filter((cell) => cell.section !== "proactive" && !cell.derived);
  for (const cell of summed) (stated[cell.section]![cell.row] ??= {})[cell.column] = 0;
  for (const id of reportIds) {
    const figures = figuresOf.get(id);
    if (!figures) continue;
    for (const cell of summed) {
      const v = figures[cellId(cell.section, cell.row, cell.column)];
      if (v) stated[cell.section]![cell.row]![cell.column] += v;
    }
  }
  const derived = deriveSections(t, stated);
  return { applications: derived.applications, reviewLitigation: derived.reviewLitigation };
}
