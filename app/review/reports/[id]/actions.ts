"use server";
import { revalidatePath } from "next/cache";
import { safeString, z } from "@/lib/zod";
import type { ActionResult } from "@/components/review/action-result";
import { AccessDeniedError, authorize } from "@/lib/auth/guard";
import { forgetPublicRefs } from "@/lib/server/cache/published-ref";
import { db } from "@/lib/server/db";
import { addComment, COMMENT_MAX_LENGTH } from "@/lib/server/comments/add-comment";
import { replyToComment } from "@/lib/server/comments/reply-to-comment";
import { resolveComment } from "@/lib/server/comments/resolve-comment";
import { transitionReport } from "@/lib/server/reports/transition-report";
import { rateLimitMessage } from "@/lib/server/security/rate-limit";
import { REASON_MAX_LENGTH, TRANSITIONS } from "@/lib/workflow/transitions";

const id = safeString().min(1).max(64);

const transitionInput = z.object({
  reportId: id,
  action: z.enum(["return", "approve", "publish", "reopen"]),
  expectedVersion: z.coerce.number().int().min(1),
  reason: safeString("理由").max(REASON_MAX_LENGTH, `理由不能超过 ${REASON_MAX_LENGTH} 字。`).optional(),
});

const DONE: Record<z.infer<typeof transitionInput>["action"], string> = {
  return: "已退回，填报人将看到退回理由。",
  approve: "已审核通过。",
  publish: "已发布，公众现在可以看到这份报告。",
  reopen: "已发起更正，报告退回填报人修改；修改期间公众仍看到上一公开版本。",
};

function refused(e: unknown): ActionResult {
  if (e instanceof AccessDeniedError) return { ok: false, message: e.message };
  throw e;
}

function touch(reportId: string) {
  forgetPublicRefs();
  revalidatePath(`/review/reports/${reportId}`);
  revalidatePath(`/workspace/reports/${reportId}`);
  revalidatePath("/review");
  revalidatePath("/workspace");
}

export async function transitionAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  try {
    const user = await authorize(["REVIEWER"]);
    const limited = await rateLimitMessage("write", { user });
    if (limited) return { ok: false, message: limited };
    const parsed = transitionInput.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "提交的内容无效，请刷新页面后重试。" };
    const result = await transitionReport(db, user, parsed.data);
    if (!result.ok) return { ok: false, message: result.message, details: result.violations?.map((v) => v.message) };
    touch(parsed.data.reportId);
    const { action } = parsed.data;
    return { ok: true, message: `${TRANSITIONS[action].label}：${DONE[action]}${result.publishedVersionNo ? `（公开版本第 ${result.publishedVersionNo} 版）` : ""}` };
  } catch (e) {
    return refused(e);
  }
}

const commentInput = z.object({
  reportId: id,
  anchor: safeString().max(200).transform((a) => a || null),
  body: safeString("意见").max(COMMENT_MAX_LENGTH, `意见不能超过 ${COMMENT_MAX_LENGTH} 字。`),
});

export async function addCommentAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  try {
    const user = await authorize(["REVIEWER"]);
    const limited = await rateLimitMessage("write", { user });
    if (limited) return { ok: false, message: limited };
    const parsed = commentInput.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "提交的内容无效。" };
    const result = await addComment(db, user, parsed.data);
    if (!result.ok) return { ok: false, message: result.message };
    touch(parsed.data.reportId);
    return { ok: true, message: "已添加意见，填报人将在填报页面看到。" };
  } catch (e) {
    return refused(e);
  }
}

const resolveInput = z.object({ reportId: id, commentId: id });

export async function resolveCommentAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  try {
    const user = await authorize(["REVIEWER", "CLERK"]);
    const limited = await rateLimitMessage("write", { user });
    if (limited) return { ok: false, message: limited };
    const parsed = resolveInput.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return { ok: false, message: "提交的内容无效。" };
    const result = await resolveComment(db, user, { commentId: parsed.data.commentId });
    if (!result.ok) return { ok: false, message: result.message };
    touch(parsed.data.reportId);
    return { ok: true, message: "意见已标记已解决。" };
  } catch (e) {
    return refused(e);
  }
}

const replyInput = z.object({ reportId: id, commentId: id, body: safeString("回复").max(COMMENT_MAX_LENGTH, `回复不能超过 ${COMMENT_MAX_LENGTH} 字。`) });

/** 回复: the clerk (or a reviewer) answers a comment; shown in the thread on the review and editor pages. */
export async function replyToCommentAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  try {
    const user = await authorize(["CLERK", "REVIEWER"]);
    const limited = await rateLimitMessage("write", { user });
    if (limited) return { ok: false, message: limited };
    const parsed = replyInput.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "提交的内容无效。" };
    const result = await replyToComment(db, user, parsed.data);
    if (!result.ok) return { ok: false, message: result.message };
    touch(parsed.data.reportId);
    return { ok: true, message: "已回复。" };
  } catch (e) {
    return refused(e);
  }
}
