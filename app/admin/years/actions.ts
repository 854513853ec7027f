"use server";

import { defineAction } from "@/lib/actions/define-action";
import { reportingYearSchema } from "@/lib/admin/schemas";
import { db } from "@/lib/server/db";
import { createReportingYear } from "@/lib/server/years/create-reporting-year";
import { updateReportingYear } from "@/lib/server/years/update-reporting-year";

const admin = { roles: ["ADMIN"], schema: reportingYearSchema, revalidate: ["/admin", "/admin/years", "/workspace", "/review"], publicPages: true } as const;

export const createReportingYearAction = defineAction({ ...admin, message: "已新建年度。" }, (actor, input) => createReportingYear(db, actor, input));

export const updateReportingYearAction = defineAction(admin, (actor, input) => updateReportingYear(db, actor, input));
