import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";

export const PAGE_SIZE = 50;

export interface ListParams {
  q?: string;
  page?: number;
}

function pageOf(page: number | undefined) {
  return Number.isInteger(page) && page! > 0 ? page! : 1;
}

/** Agencies, searched by code, name or region, a page at a time (a county has hundreds). */
export async function listAgencies({ q = "", page, regionCode }: ListParams & { regionCode?: string }) {
  const query = q.trim();
  const where: Prisma.AgencyWhereInput = {
    ...(regionCode ? { regionCode } : {}),
    ...(query
      ? { OR: [{ code: { contains: query } }, { name: { contains: query } }, { region: { name: { contains: query } } }] }
      : {}),
  };
  const current = pageOf(page);
  const [total, rows] = await Promise.all([
    db.agency.count({ where }),
    db.agency.findMany({
      where,
      orderBy: [{ regionCode: "asc" }, { kind: "asc" }, { code: "asc" }],
      skip: (current - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      include: { region: { select: { name: true } }, _count: { select: { reports: true, clerks: true } } },
    }),
  ]);
  return { total, rows, page: current, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** Users, searched by username, name or scope, a page at a time. Never selects the password hash. */
export async function listUsers({ q = "", page, role }: ListParams & { role?: "ADMIN" | "REVIEWER" | "CLERK" }) {
  const query = q.trim();
  const where: Prisma.UserWhereInput = {
    ...(role ? { role } : {}),
    ...(query
      ? {
          OR: [
            { username: { contains: query, mode: "insensitive" } },
            { displayName: { contains: query } },
            { agency: { OR: [{ code: { contains: query } }, { name: { contains: query } }] } },
            { region: { OR: [{ code: { contains: query } }, { name: { contains: query } }] } },
          ],
        }
      : {}),
  };
  const current = pageOf(page);
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ role: "asc" }, { username: "asc" }],
      skip: (current - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        username: true,
        displayName: true,
        role: true,
        active: true,
        mustChangePassword: true,
        lockedUntil: true,
        lastLoginAt: true,
        regionCode: true,
        region: { select: { name: true } },
        agency: { select: { code: true, name: true } },
      },
    }),
  ]);
  return { total, rows, page: current, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export async function getUserForEdit(id: string) {
  return db.user.findUnique({
    where: { id },
    select: { id: true, username: true, displayName: true, email: true, role: true, active: true, regionCode: true, agency: { select: { code: true, name: true } } },
  });
}

export async function getAgencyForEdit(id: string) {
  return db.agency.findUnique({ where: { id }, include: { region: { select: { name: true } }, _count: { select: { reports: true, clerks: true } } } });
}

/** The whole region tree (a province has some hundred regions: small enough to show at once). */
export async function listRegions() {
  return db.region.findMany({
    orderBy: { path: "asc" },
    include: { _count: { select: { agencies: true, children: true, reviewers: true } } },
  });
}

export async function listReportingYears() {
  const [years, counts] = await Promise.all([
    db.reportingYear.findMany({ orderBy: { year: "desc" } }),
    db.report.groupBy({ by: ["year"], _count: { _all: true } }),
  ]);
  const byYear = new Map(counts.map((c) => [c.year, c._count._all]));
  return years.map((y) => ({ ...y, reportCount: byYear.get(y.year) ?? 0 }));
}

const ADMIN_ENTITY_TYPES = ["Region", "Agency", "User", "ReportingYear", "Onboarding", "OneTimePasswordBatch"];

/** The administration part of the audit trail, newest first. */
export async function listAdminAudit({ page }: ListParams) {
  const where: Prisma.AuditEventWhereInput = { entityType: { in: ADMIN_ENTITY_TYPES }, NOT: { action: { startsWith: "auth." } } };
  const current = pageOf(page);
  const [total, rows] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: { at: "desc" },
      skip: (current - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      include: { actor: { select: { username: true, displayName: true } } },
    }),
  ]);
  return { total, rows, page: current, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}
