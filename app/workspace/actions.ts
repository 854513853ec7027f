"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "@/lib/zod";
import { AccessDeniedError, authorize } from "@/lib/auth/guard";
import { parseReportDocument } from "@/lib/exchange";
import { db } from "@/lib/server/db";
import { createReport } from "@/lib/server/reports/create-report";
import { reportToDocument, reportWithContent } from "@/lib/server/reports/report-document";
import { saveDraft, saveDraftInputSchema, type SaveDraftInput, type SaveDraftResult } from "@/lib/server/reports/save-draft";
import { submitReport } from "@/lib/server/reports/submit-report";
import { rateLimitMessage } from "@/lib/server/security/rate-limit";
import type { Violation } from "@/lib/validation";

const SESSION_EXPIRED = "登录已过期，未保存。您填写的内容仍在本页，也已保存在本机浏览器中：请在新标签页重新登录，再回到本页点击「保存草稿」。";
const BAD_REQUEST = "请求格式不正确，未保存。";

type Refused = { ok: false; code: 400 | 401 | 403 | 404 | 409 | 422 | 429; message: string; violations?: Violation[] };

async function clerk() {
  try {
    return await authorize(["CLERK"]);
  } catch (e) {
    if (e instanceof AccessDeniedError) return e;
    throw e;
  }
}

export type StartReportState = { message: string } | null;

/** 开始填报: creates (or finds) the year's report and opens it in the editor. */
export async function startReportAction(_prev: StartReportState, formData: FormData): Promise<StartReportState> {
  const user = await clerk();
  if (user instanceof AccessDeniedError) return { message: user.status === 401 ? "登录已过期，请重新登录。" : user.message };
  const limited = await rateLimitMessage("write", { user });
  if (limited) return { message: limited };
  const year = z.coerce.number().int().safeParse(formData.get("year"));
  if (!year.success) return { message: "报告年度不正确。" };
  const result = await createReport(db, user, { year: year.data });
  if (!result.ok) return { message: result.message };
  revalidatePath("/workspace");
  redirect(`/workspace/reports/${result.reportId}`);
}

/** 保存草稿 */
export async function saveDraftAction(input: SaveDraftInput): Promise<SaveDraftResult | Refused> {
  const user = await clerk();
  if (user instanceof AccessDeniedError) return { ok: false, code: user.status, message: user.status === 401 ? SESSION_EXPIRED : user.message };
  const limited = await rateLimitMessage("write", { user });
  if (limited) return { ok: false, code: 429, message: limited };
  const parsed = saveDraftInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: 400, message: BAD_REQUEST };
  // no revalidation here: the editor keeps its own state; /workspace is rendered per request
  return saveDraft(db, user, parsed.data);
}

export type SubmitResult = { ok: true; version: number } | (Refused & { problems?: { cell: string; message: string }[]; version?: number });

/**
 * 提交审核: saves the entries first (so what is submitted is what is on screen), checks
 * the stored report against the exchange schema, then submits it through the workflow
 * (which re-runs every rule, `required` included).
 */
export async function submitReportAction(input: SaveDraftInput): Promise<SubmitResult> {
  const user = await clerk();
  if (user instanceof AccessDeniedError) return { ok: false, code: user.status, message: user.status === 401 ? SESSION_EXPIRED : user.message };
  const limited = await rateLimitMessage("write", { user });
  if (limited) return { ok: false, code: 429, message: limited };
  const parsed = saveDraftInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: 400, message: BAD_REQUEST };
  const saved = await saveDraft(db, user, parsed.data);
  if (!saved.ok) return { ok: false, code: saved.code, message: saved.message, problems: saved.problems };
  revalidatePath("/workspace");
  const stored = await db.report.findUniqueOrThrow({ where: { id: parsed.data.reportId }, include: reportWithContent });
  const strict = parseReportDocument(reportToDocument(stored));
  if (!strict.ok) {
    return { ok: false, code: 422, version: saved.version, message: `已保存为草稿，但还不能提交：${strict.errors.join("；")}` };
  }
  const submitted = await submitReport(db, user, { reportId: parsed.data.reportId, expectedVersion: saved.version });
  if (!submitted.ok) return { ...submitted, version: saved.version, message: `已保存为草稿，但还不能提交：${submitted.message}` };
  revalidatePath(`/workspace/reports/${parsed.data.reportId}`);
  return { ok: true, version: submitted.version };
}
