"use server";
import { defineAction } from "@/lib/actions/define-action";
import { safeString, z } from "@/lib/zod";
import { db } from "@/lib/server/db";
import { addComment, COMMENT_MAX_LENGTH } from "@/lib/server/comments/add-comment";
import { replyToComment } from "@/lib/server/comments/reply-to-comment";
import { resolveComment } from "@/lib/server/comments/resolve-comment";
import { transitionReport } from "@/lib/server/reports/transition-report";
import { REASON_MAX_LENGTH, TRANSITIONS } from "@/lib/workflow/transitions";

const id = safeString().min(1).max(64);

/** What a change to a report shows on: its pages, both lists, and (publicPages) the public site. */
const touched = ({ reportId }: { reportId: string }) => [`/review/reports/${reportId}`, `/workspace/reports/${reportId}`, "/review", "/workspace"];

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

export const transitionAction = defineAction(
  {
    roles: ["REVIEWER"],
    schema: transitionInput,
    revalidate: touched,
    publicPages: true,
    message: (r: { publishedVersionNo?: number }, { action }) => `${TRANSITIONS[action].label}：${DONE[action]}${r.publishedVersionNo ? `（公开版本第 ${r.publishedVersionNo} 版）` : ""}`,
  },
  (user, input) => transitionReport(db, user, input),
);

const commentInput = z.object({
  reportId: id,
  anchor: safeString().max(200).transform((a) => a || null),
  body: safeString("意见").max(COMMENT_MAX_LENGTH, `意见不能超过 ${COMMENT_MAX_LENGTH} 字。`),
});

export const addCommentAction = defineAction(
  { roles: ["REVIEWER"], schema: commentInput, revalidate: touched, publicPages: true, message: "已添加意见，填报人将在填报页面看到。" },
  (user, input) => addComment(db, user, input),
);

const resolveInput = z.object({ reportId: id, commentId: id });

export const resolveCommentAction = defineAction(
  { roles: ["REVIEWER", "CLERK"], schema: resolveInput, revalidate: touched, publicPages: true, message: "意见已标记已解决。" },
  (user, { commentId }) => resolveComment(db, user, { commentId }),
);

const replyInput = z.object({ reportId: id, commentId: id, body: safeString("回复").max(COMMENT_MAX_LENGTH, `回复不能超过 ${COMMENT_MAX_LENGTH} 字。`) });

/** 回复: the clerk (or a reviewer) answers a comment; shown in the thread on the review and editor pages. */
export const replyToCommentAction = defineAction(
  { roles: ["CLERK", "REVIEWER"], schema: replyInput, revalidate: touched, publicPages: true, message: "已回复。" },
  (user, input) => replyToComment(db, user, input),
);
