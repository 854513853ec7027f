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
      select: { id: true, year: true, status: true, template: true, updatedAt: true, publishedAt: true },
    }),
  ]);
  const byYear = new Map(reports.map((r) => [r.year, r]));
  return {
    agency,
    rows: years.map((y) => ({ year: y.year, template: y.template, deadline: y.deadline, report: byYear.get(y.year) ?? null })),
  };
}

/** Every agency in the reviewer's region with its report for `year`, and the counts by status. */
export async function getReviewOverview(user: CurrentUser, year: number) {
  const [region, agencies, years] = await Promise.all([
    user.regionCode ? db.region.findUnique({ where: { code: user.regionCode } }) : null,
    db.agency.findMany({
      where: { ...agenciesInScope(user), active: true },
      orderBy: [{ kind: "asc" }, { code: "asc" }],
      include: { region: { select: { name: true } }, reports: { where: { year }, select: { id: true, status: true, updatedAt: true, submittedAt: true } } },
    }),
    db.reportingYear.findMany({ orderBy: { year: "desc" }, select: { year: true, deadline: true } }),
  ]);
  const rows = agencies.map((a) => ({
    code: a.code,
    name: a.name,
    kind: a.kind,
    regionName: a.region.name,
    report: a.reports[0] ?? null,
  }));
  const counts: Record<string, number> = {};
  for (const r of rows) {
    const s = r.report?.status ?? "MISSING";
    counts[s] = (counts[s] ?? 0) + 1;
  }
  return { region, rows, counts, years };
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
