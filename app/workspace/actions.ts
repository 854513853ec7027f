"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { refusal } from "@/lib/actions/result";
import { z } from "@/lib/zod";
import { parseReportDocument } from "@/lib/exchange";
import { db } from "@/lib/server/db";
import { createReport } from "@/lib/server/reports/create-report";
import { reportToDocument, reportWithContent } from "@/lib/server/reports/report-document";
import { saveDraft, saveDraftInputSchema } from "@/lib/server/reports/save-draft";
import { submitReport } from "@/lib/server/reports/submit-report";

const SESSION_EXPIRED = "登录已过期，未保存。您填写的内容仍在本页，也已保存在本机浏览器中：请在新标签页重新登录，再回到本页点击「保存草稿」。";

/** 开始填报: creates (or finds) the year's report and opens it in the editor. */
export const startReportAction = defineAction(
  {
    roles: ["CLERK"],
    schema: z.object({ year: z.coerce.number({ message: "报告年度不正确。" }).int("报告年度不正确。") }),
    sessionExpiredMessage: "登录已过期，请重新登录。",
  },
  async (user, { year }) => {
    const r = await createReport(db, user, { year });
    if (!r.ok) return r;
    revalidatePath("/workspace");
    redirect(`/workspace/reports/${r.reportId}`);
  },
);

// 保存草稿 is a route handler, POST /api/drafts (app/api/drafts/route.ts): cheaper per save than an action.

/**
 * 提交审核: saves the entries first (so what is submitted is what is on screen), checks
 * the stored report against the exchange schema, then submits it through the workflow
 * (which re-runs every rule, `required` included). A refusal after the save carries the
 * version the save reached (`data.version`).
 */
export const submitReportAction = defineAction(
  {
    roles: ["CLERK"],
    schema: saveDraftInputSchema,
    sessionExpiredMessage: SESSION_EXPIRED,
    revalidate: ({ reportId }) => ["/workspace", `/workspace/reports/${reportId}`],
    message: "已提交审核。",
  },
  async (user, input) => {
    const saved = await saveDraft(db, user, input);
    if (!saved.ok) return saved;
    revalidatePath("/workspace");
    const data = { version: saved.version };
    const stored = await db.report.findUniqueOrThrow({ where: { id: input.reportId }, include: reportWithContent });
    const strict = parseReportDocument(reportToDocument(stored));
    if (!strict.ok) return refusal<typeof data>(422, `已保存为草稿，但还不能提交：${strict.errors.join("；")}`, { data });
    const submitted = await submitReport(db, user, { reportId: input.reportId, expectedVersion: saved.version });
    if (!submitted.ok) return refusal<typeof data>(submitted.code, `已保存为草稿，但还不能提交：${submitted.message}`, { details: submitted.violations?.map((v) => v.message), data });
    return { ok: true as const, version: submitted.version };
  },
);
