import type { CurrentUser } from "@/lib/auth/guard";
import { agencyInScope } from "../access/report-access";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../prisma";
import { COMMENT_MAX_LENGTH, type CommentResult } from "./add-comment";

/**
 * A reply in a review comment's thread: the clerk of the report's agency answering the
 * reviewer (回复), or a reviewer in scope answering back. Only an open comment takes replies;
 * a resolved one (by a reviewer, or closed when the report was published) is finished.
 */
export async function replyToComment(db: Db, user: CurrentUser, input: { commentId: string; body: string }): Promise<CommentResult> {
  const body = input.body.trim();
  if (!body) return { ok: false, code: 422, message: "请填写回复内容。" };
  if (body.length > COMMENT_MAX_LENGTH) return { ok: false, code: 422, message: `回复不能超过 ${COMMENT_MAX_LENGTH} 字。` };
  return db.$transaction(async (tx): Promise<CommentResult> => {
    const comment = await tx.reviewComment.findUnique({
      where: { id: input.commentId },
      select: { id: true, resolvedAt: true, reportId: true, report: { select: { agency: { select: { id: true, active: true, region: { select: { path: true } } } } } } },
    });
    if (!comment || !agencyInScope(user, comment.report.agency)) return { ok: false, code: 404, message: "意见不存在。" };
    if (user.role === "ADMIN") return { ok: false, code: 403, message: "管理员只能查看审核意见。" };
    // a deactivated agency files nothing more, replies included
    if (!comment.report.agency.active) return { ok: false, code: 403, message: "该单位已停用，不能回复审核意见。" };
    if (comment.resolvedAt) return { ok: false, code: 422, message: "该意见已解决，不能再回复。" };
    const reply = await tx.reviewCommentReply.create({ data: { commentId: comment.id, authorId: user.id, body } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "comment.replied",
      entityType: "ReviewComment",
      entityId: comment.id,
      reportId: comment.reportId,
      details: { replyId: reply.id, body },
    });
    return { ok: true, id: reply.id };
  });
}
