import "server-only";
import type { CurrentUser } from "@/lib/auth/guard";
import { grantedShare, qualityFlags, rowSum, shareRange, tablesAllZero, type Figures, type QualityFlag, type QualityFlagId, type QualityInput } from "@/lib/quality/flags";
import { lateness, LATENESS_KINDS, type Lateness, type LatenessKind } from "@/lib/reports/lateness";
import type { ReportStatusName } from "@/lib/reports/status";
import { KEY_FIGURES } from "@/lib/statistics/key-figures";
import { cellsOf, deriveSections, getTemplate, type ReportSections, type TemplateId } from "@/lib/templates";
import { db } from "../db";
import { regionScopePrefix } from "../access/scope";
import { TEMPLATE_ID } from "../reports/report-document";
import { reportFigures } from "./report-figures";

export interface DashboardFilters {
  year: number;
  status: ReportStatusName | "MISSING" | null;
  kind: "TOWNSHIP" | "DEPARTMENT" | null;
  flag: QualityFlagId | "ANY" | null;
  /** a region within the user's scope to list (null: the whole scope) */
  region: string | null;
  /** 按期发布 / 逾期发布 / 逾期未报 / 未到期 (lib/reports/lateness.ts); absent or null: all */
  lateness?: LatenessKind | null;
}

/**
 * More active agencies than this in the area asked for, and the dashboard lists none but asks
 * for a smaller area: a national administrator's scope holds tens of thousands, a page no
 * browser (or reviewer) can use, and no server should render on a click.
 */
export const MAX_DASHBOARD_AGENCIES = 1000;

export interface KeyFigures {
  received: number;
  grantedShare: number | null;
  reconsideration: number;
  litigation: number;
}

export interface DashboardRow {
  agency: { id: string; code: string; name: string; kind: "TOWNSHIP" | "DEPARTMENT"; regionName: string };
  /** whom to call: the agency's active clerks, and the phone of its report (this year's, else last year's) */
  clerk: { names: string[]; phone: string | null };
  report: { id: string; status: ReportStatusName; version: number; submittedAt: Date | null; publishedAt: Date | null } | null;
  figures: KeyFigures | null;
  flags: QualityFlag[];
  /** of the year's report, from its first publication (a correction does not change it) */
  lateness: Lateness;
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
  firstPublishedAt: Date | null;
  updatedAt: Date | null;
  contactPhone: string | null;
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
  const scope = regionScopePrefix(user);
  const { year } = filters;
  const [region, requested, years] = await Promise.all([
    user.regionCode ? db.region.findUnique({ where: { code: user.regionCode } }) : null,
    filters.region && scope !== null ? db.region.findUnique({ where: { code: filters.region }, select: { code: true, name: true, path: true } }) : null,
    db.reportingYear.findMany({ orderBy: { year: "desc" }, select: { year: true, deadline: true, template: true } }),
  ]);
  // the area listed: the region asked for when it lies within the scope (checked here, from the
  // database: the query string is the client's), else the whole scope
  const area = requested && scope !== null && requested.path.startsWith(scope) && requested.path !== scope ? requested : null;
  const prefix = scope === null ? null : (area?.path ?? scope);
  const [areaOptions, agencyCount] = prefix === null ? [[], 0] : await Promise.all([regionOptions(scope!, area), countAgencies(prefix)]);
  const tooMany = agencyCount > MAX_DASHBOARD_AGENCIES;
  const rowsRead =
    prefix === null || tooMany
      ? []
      : await db.$queryRaw<AgencyReportRow[]>`
          SELECT a.id AS "agencyId", a.code, a.name, a.kind::text AS kind, g.name AS "regionName",
                 r.id AS "reportId", r.year, r.template::text AS template, r.status::text AS status, r.version,
                 r."submittedAt", r."publishedAt", r."updatedAt", r."contactPhone",
                 (SELECT min(v."publishedAt") FROM "PublishedVersion" v WHERE v."reportId" = r.id) AS "firstPublishedAt"
            FROM "Agency" a
            JOIN "Region" g ON g.code = a."regionCode"
            LEFT JOIN "Report" r ON r."agencyId" = a.id AND r.year IN (${year}, ${year - 1})
           WHERE a.active AND g.path LIKE ${prefix + "%"}
           ORDER BY a.kind, a.code`;
  const reportingYear = years.find((y) => y.year === year) ?? null;
  const areaFields = { area: area && { code: area.code, name: area.name }, areaOptions, agencyCount, tooMany };
  const noLateness = Object.fromEntries(LATENESS_KINDS.map((k) => [k, 0])) as Record<LatenessKind, number>;
  if (prefix === null || tooMany) return { region, years, reportingYear, ...areaFields, rows: [] as DashboardRow[], allCount: 0, latenessCounts: noLateness, totals: null, templateId: null };

  const [figuresOf, clerks] = await Promise.all([
    reportFigures(rowsRead.flatMap((r) => (r.reportId ? [{ id: r.reportId, version: r.version!, updatedAt: r.updatedAt! }] : []))),
    clerksOf([...new Set(rowsRead.map((r) => r.agencyId))]),
  ]);
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

  const now = new Date();
  const all: DashboardRow[] = current.map(({ agency, report, last }) => {
    const late = lateness({ year, deadline: reportingYear?.deadline, firstPublishedAt: report?.firstPublishedAt, now });
    const clerk = { names: clerks.get(agency.id) ?? [], phone: report?.contactPhone?.trim() || last?.contactPhone?.trim() || null };
    if (!report) return { agency, clerk, report: null, figures: null, flags: [], lateness: late };
    const templateId = report.template!;
    const figures = figuresOf.get(report.reportId!)!;
    return {
      agency,
      clerk,
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
      lateness: late,
    };
  });

  const otherwiseShown = all.filter(
    (r) =>
      (!filters.status || (r.report?.status ?? "MISSING") === filters.status) &&
      (!filters.kind || r.agency.kind === filters.kind) &&
      (!filters.flag || (filters.flag === "ANY" ? r.flags.length > 0 : r.flags.some((f) => f.id === filters.flag))),
  );
  // the counts of each lateness among the rows the other filters leave, so the filter's options can be compared
  const latenessCounts = { ...noLateness };
  for (const r of otherwiseShown) latenessCounts[r.lateness.kind]++;
  const rows = filters.lateness ? otherwiseShown.filter((r) => r.lateness.kind === filters.lateness) : otherwiseShown;

  const templateId: TemplateId = reportingYear ? TEMPLATE_ID[reportingYear.template] : year >= 2021 ? "2021" : "2019";
  const shownIds = rows.flatMap((r) => (r.report ? [r.report.id] : []));
  const totals = regionTotals(templateId, shownIds, figuresOf);
  return { region, years, reportingYear, ...areaFields, rows, allCount: all.length, latenessCounts, totals: { ...totals, reportCount: shownIds.length }, templateId };
}

/** The display names of the agencies' active clerks (填报人), by agency id: one query for the page. */
async function clerksOf(agencyIds: string[]): Promise<Map<string, string[]>> {
  if (agencyIds.length === 0) return new Map();
  const users = await db.user.findMany({
    where: { role: "CLERK", active: true, agencyId: { in: agencyIds } },
    orderBy: { username: "asc" },
    select: { agencyId: true, displayName: true },
  });
  const byAgency = new Map<string, string[]>();
  for (const u of users) byAgency.set(u.agencyId!, [...(byAgency.get(u.agencyId!) ?? []), u.displayName]);
  return byAgency;
}

/** Active agencies under a region path ("" for all): one indexed count, before anything is listed. */
async function countAgencies(prefix: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "Agency" a JOIN "Region" g ON g.code = a."regionCode"
     WHERE a.active AND g.path LIKE ${prefix + "%"}`;
  return row?.n ?? 0;
}

/**
 * The areas the filter offers within the scope: the regions from below the scope's own down to
 * the one listed (to step back up), then the listed one's sub-regions (to narrow down).
 */
async function regionOptions(scope: string, area: { code: string; path: string } | null): Promise<{ code: string; name: string; depth: number; below: boolean }[]> {
  const scopeCodes = scope.split("/").filter(Boolean);
  const chain = area ? area.path.split("/").filter(Boolean).slice(scopeCodes.length) : [];
  const parentCode = chain.at(-1) ?? scopeCodes.at(-1) ?? null;
  const [above, below] = await Promise.all([
    chain.length ? db.region.findMany({ where: { code: { in: chain } }, select: { code: true, name: true } }) : [],
    db.region.findMany({ where: { parentCode, active: true }, orderBy: { code: "asc" }, select: { code: true, name: true } }),
  ]);
  const named = new Map(above.map((r) => [r.code, r.name]));
  return [
    ...chain.flatMap((code, i) => (named.has(code) ? [{ code, name: named.get(code)!, depth: i, below: false }] : [])),
    ...below.map((r) => ({ ...r, depth: chain.length, below: true })),
  ];
}

/** The narratives of these reports (the flag "表格全为 0 但正文提到申请或案件" reads them). */
async function narrativesOf(reportIds: string[]): Promise<Map<string, QualityInput["narrative"]>> {
  if (reportIds.length === 0) return new Map();
  const reports = await db.report.findMany({ where: { id: { in: reportIds } }, select: { id: true, overview: true, problems: true, other: true } });
  return new Map(reports.map((r) => [r.id, r]));
}

/**
 * One report's key figures (KEY_FIGURES, as the statistics pages define them), each row's
 * total summed over the template's own stated cells as the quality flags read them.
 */
function keyFigures(templateId: TemplateId, figures: Figures): KeyFigures {
  const figure = (key: "received" | "reconsideration" | "litigation") =>
    KEY_FIGURES.find((f) => f.key === key)!.cells.reduce((sum, [section, row]) => sum + rowSum(templateId, figures, section as "applications" | "reviewLitigation", row), 0);
  return { received: figure("received"), grantedShare: grantedShare(templateId, figures), reconsideration: figure("reconsideration"), litigation: figure("litigation") };
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
