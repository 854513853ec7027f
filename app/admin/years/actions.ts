"use server";

import { runAdminAction } from "@/lib/server/admin/run-admin-action";
import { createReportingYear } from "@/lib/server/years/create-reporting-year";
import { updateReportingYear } from "@/lib/server/years/update-reporting-year";

const revalidate = ["/admin", "/admin/years", "/workspace", "/review"];

export async function createReportingYearAction(input: unknown) {
  return runAdminAction((db, actor) => createReportingYear(db, actor, input), { revalidate });
}

export async function updateReportingYearAction(input: unknown) {
  return runAdminAction((db, actor) => updateReportingYear(db, actor, input), { revalidate });
}
