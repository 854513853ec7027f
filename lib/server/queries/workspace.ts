import "server-only";
import type { CurrentUser } from "@/lib/auth/guard";
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
      select: { id: true, year: true, status: true, template: true, updatedAt: true, publishedAt: true, returnReason: true, correctionReason: true },
    }),
  ]);
  const byYear = new Map(reports.map((r) => [r.year, r]));
  return {
    agency,
    rows: years.map((y) => ({ year: y.year, template: y.template, deadline: y.deadline, open: y.open, report: byYear.get(y.year) ?? null })),
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
