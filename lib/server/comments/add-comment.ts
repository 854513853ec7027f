import type { CurrentUser } from "@/lib/auth/guard";
import { isSafeText, unsafeTextProblem } from "@/lib/zod";
import { agencyInScope } from "../access/scope";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../prisma";
import { notifyReportEvent } from "../notifications/notify-report-event";
import { TEMPLATE_ID } from "../reports/report-document";
import { isValidAnchor } from "./comment-anchor";

export const COMMENT_MAX_LENGTH = 2000;

export type CommentResult = { ok: true; id: string } | { ok: false; code: 404 | 403 | 422; message: string };

/**
 * A reviewer's comment on a report, on a cell, a narrative section, the contact or the whole
 * report (anchor null). The clerk sees it in the editor next to what it concerns. A comment
 * does not change the report, so it leaves Report.version alone (no clerk's save is refused for it).
 */
export async function addComment(db: Db, user: CurrentUser, input: { reportId: string; body: string; anchor: string | null }): Promise<CommentResult> {
  const body = input.body.trim();
  if (!isSafeText(input.reportId)) return { ok: false, code: 404, message: "报告不存在。" };
  if (input.anchor !== null && !isSafeText(input.anchor)) return { ok: false, code: 422, message: "意见所指的位置不存在。" };
  const unsafe = unsafeTextProblem(body, "意见");
  if (unsafe) return { ok: false, code: 422, message: unsafe };
  if (!body) return { ok: false, code: 422, message: "请填写意见内容。" };
  if (body.length > COMMENT_MAX_LENGTH) return { ok: false, code: 422, message: `意见不能超过 ${COMMENT_MAX_LENGTH} 字。` };
  return db.$transaction(async (tx): Promise<CommentResult> => {
    const report = await tx.report.findUnique({ where: { id: input.reportId }, select: { id: true, template: true, version: true, agency: { select: { id: true, region: { select: { path: true } } } } } });
    if (!report || !agencyInScope(user, report.agency)) return { ok: false, code: 404, message: "报告不存在。" };
    if (user.role !== "REVIEWER") return { ok: false, code: 403, message: "只有审核人可以提出审核意见。" };
    if (!isValidAnchor(TEMPLATE_ID[report.template], input.anchor)) return { ok: false, code: 422, message: "意见所指的位置不存在。" };
    const comment = await tx.reviewComment.create({
      data: { reportId: report.id, authorId: user.id, body, anchor: input.anchor, reportVersion: report.version },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "comment.added",
      entityType: "ReviewComment",
      entityId: comment.id,
      reportId: report.id,
      details: { anchor: input.anchor, body },
    });
    await notifyReportEvent(tx, { kind: "COMMENT", reportId: report.id, actorId: user.id, detail: body });
    return { ok: true, id: comment.id };
  });
}
