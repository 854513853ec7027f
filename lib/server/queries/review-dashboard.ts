import "server-only";
import type { CurrentUser } from "@/lib/auth/guard";
import { grantedShare, qualityFlags, shareRange, type Figures, type QualityFlag, type QualityFlagId } from "@/lib/quality/flags";
import type { ReportStatusName } from "@/lib/reports/status";
import { cellId, cellsOf, deriveSections, findCell, getTemplate, type ReportSections, type TemplateId } from "@/lib/templates";
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
type KeyRow = { reportId: string; received: number | null; granted: number | null; handled: number | null; reconsideration: number | null; litigation: number | null };
type SumRow = { section: string; row: string; column: string; value: string };

/**
 * The review dashboard in a fixed number of queries, whatever the number of agencies:
 * agencies with their reports of the year and the year before, the non-zero cells of those
 * reports (for the flags), the key figures (SQL), and the region totals over the rows shown (SQL).
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

  const [cells, keys] = await Promise.all([
    db.$queryRaw<CellRow[]>`
      SELECT c."reportId", c.section::text AS section, c.row, c.column, c.value::float8 AS value
      FROM "ReportCell" c
      JOIN "Report" r ON r.id = c."reportId"
      JOIN "Agency" a ON a.id = r."agencyId"
      JOIN "Region" g ON g.code = a."regionCode"
      WHERE r.year IN (${year}, ${year - 1}) AND a.active AND g.path LIKE ${prefix + "%"}
        AND c.value IS NOT NULL AND c.value <> 0`,
    db.$queryRaw<KeyRow[]>`
      SELECT c."reportId",
        SUM(c.value) FILTER (WHERE c.section = 'applications' AND c.row = 'received' AND c.column <> 'total')::float8 AS received,
        SUM(c.value) FILTER (WHERE c.section = 'applications' AND c.row = 'granted' AND c.column <> 'total')::float8 AS granted,
        SUM(c.value) FILTER (WHERE c.section = 'applications' AND c.column <> 'total'
          AND c.row NOT IN ('received', 'carriedOver', 'handledTotal', 'carriedForward'))::float8 AS handled,
        SUM(c.value) FILTER (WHERE c.section = 'reviewLitigation' AND c.row = 'reconsideration' AND c.column <> 'total')::float8 AS reconsideration,
        SUM(c.value) FILTER (WHERE c.section = 'reviewLitigation' AND c.row IN ('litigationDirect', 'litigationAfterReconsideration') AND c.column <> 'total')::float8 AS litigation
      FROM "ReportCell" c
      JOIN "Report" r ON r.id = c."reportId"
      JOIN "Agency" a ON a.id = r."agencyId"
      JOIN "Region" g ON g.code = a."regionCode"
      WHERE r.year = ${year} AND a.active AND g.path LIKE ${prefix + "%"}
      GROUP BY c."reportId"`,
  ]);

  const figuresOf = new Map<string, Figures>();
  for (const c of cells) (figuresOf.get(c.reportId) ?? figuresOf.set(c.reportId, {}).get(c.reportId)!)[`${c.section}/${c.row}/${c.column}`] = c.value;
  const keyOf = new Map(keys.map((k) => [k.reportId, k]));

  const current = agencies.map((a) => ({ agency: a, report: a.reports.find((r) => r.year === year) ?? null, last: a.reports.find((r) => r.year === year - 1) ?? null }));
  const range = shareRange(current.filter((c) => c.report).map((c) => grantedShare(TEMPLATE_ID[c.report!.template], figuresOf.get(c.report!.id) ?? {})));

  const all: DashboardRow[] = current.map(({ agency, report, last }) => {
    const k = report ? keyOf.get(report.id) : undefined;
    return {
      agency: { id: agency.id, code: agency.code, name: agency.name, kind: agency.kind, regionName: agency.region.name },
      report: report && { id: report.id, status: report.status, version: report.version, submittedAt: report.submittedAt, publishedAt: report.publishedAt },
      figures: report
        ? {
            received: k?.received ?? 0,
            grantedShare: k?.handled ? (k.granted ?? 0) / k.handled : null,
            reconsideration: k?.reconsideration ?? 0,
            litigation: k?.litigation ?? 0,
          }
        : null,
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
  const totals = await regionTotals(templateId, shownIds);
  return { region, years, reportingYear, rows, allCount: all.length, totals: { ...totals, reportCount: shownIds.length }, templateId };
}

/** 三 and 四 summed over the given reports (SQL); derived cells are recomputed from the sums. */
async function regionTotals(templateId: TemplateId, reportIds: string[]): Promise<Pick<ReportSections, "applications" | "reviewLitigation">> {
  const sums = reportIds.length
    ? await db.$queryRaw<SumRow[]>`
        SELECT c.section::text AS section, c.row, c.column, SUM(c.value)::text AS value
        FROM "ReportCell" c
        WHERE c."reportId" = ANY(${reportIds}::text[]) AND c.section IN ('applications', 'reviewLitigation')
        GROUP BY c.section, c.row, c.column`
    : [];
  const t = getTemplate(templateId);
  const stated: Record<string, Record<string, Record<string, number>>> = { applications: {}, reviewLitigation: {} };
  for (const cell of cellsOf(t)) if (cell.section !== "proactive" && !cell.derived) (stated[cell.section]![cell.row] ??= {})[cell.column] = 0;
  for (const s of sums) {
    const def = findCell(t, cellId(s.section as "applications", s.row, s.column));
    if (def && !def.derived) stated[s.section]![s.row]![s.column] = Number(s.value);
  }
  const derived = deriveSections(t, stated);
  return { applications: derived.applications, reviewLitigation: derived.reviewLitigation };
}
