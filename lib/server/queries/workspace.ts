import "server-only";
import type { CurrentUser } from "@/lib/auth/guard";
import { lateness, yearDueNow } from "@/lib/reports/lateness";
import { db } from "../db";
import { agenciesInScope } from "../access/scope";

/** The clerk's agency with each reporting year and that year's report, newest first. */
export async function getClerkWorkspace(user: CurrentUser) {
  const agency = await db.agency.findFirst({
    where: agenciesInScope(user),
    include: { region: true },
  });
  if (!agency) return null;
  const [years, reports] = await Promise.all([
    db.reportingYear.findMany({ orderBy: { year: "desc" } }),
    db.report.findMany({
      where: { agencyId: agency.id },
      select: {
        id: true,
        year: true,
        status: true,
        template: true,
        updatedAt: true,
        publishedAt: true,
        returnReason: true,
        correctionReason: true,
        // the first publication decides lateness (lib/reports/lateness.ts), not a later correction
        versions: { orderBy: { versionNo: "asc" }, take: 1, select: { publishedAt: true } },
      },
    }),
  ]);
  const byYear = new Map(reports.map(({ versions, ...r }) => [r.year, { ...r, firstPublishedAt: versions[0]?.publishedAt ?? null }]));
  return {
    agency,
    rows: years.map((y) => {
      const report = byYear.get(y.year) ?? null;
      return {
        year: y.year,
        template: y.template,
        deadline: y.deadline,
        open: y.open,
        report,
        lateness: lateness({ year: y.year, deadline: y.deadline, firstPublishedAt: report?.firstPublishedAt }),
      };
    }),
    dueNow: yearDueNow(years),
  };
}

export async function getAdminOverview() {
  const [regions, agencies, users, reportCount, publishedCount, years] = await Promise.all([
    db.region.findMany({ orderBy: { path: "asc" }, select: { code: true } }),
    db.agency.count(),
    db.user.count(),
    db.report.count(),
    db.report.count({ where: { status: "PUBLISHED" } }),
    db.reportingYear.findMany({ orderBy: { year: "desc" } }),
  ]);
  return { regions, agencies, users, reportCount, publishedCount, years };
}
