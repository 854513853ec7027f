import type { CurrentUser } from "@/lib/auth/guard";
import { isSafeText } from "@/lib/zod";
import { agencyInScope, clerkWriteRefusal } from "../access/report-access";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../prisma";
import type { CommentResult } from "./add-comment";

/** Marks a comment resolved: the reviewer in scope, or the clerk of the report's agency once it is dealt with. */
export async function resolveComment(db: Db, user: CurrentUser, input: { commentId: string }): Promise<CommentResult> {
  if (!isSafeText(input.commentId)) return { ok: false, code: 404, message: "意见不存在。" };
  return db.$transaction(async (tx): Promise<CommentResult> => {
    const comment = await tx.reviewComment.findUnique({
      where: { id: input.commentId },
      select: { id: true, resolvedAt: true, reportId: true, report: { select: { agency: { select: { id: true, active: true, region: { select: { path: true } } } } } } },
    });
    if (!comment || !agencyInScope(user, comment.report.agency)) return { ok: false, code: 404, message: "意见不存在。" };
    if (user.role === "ADMIN") return { ok: false, code: 403, message: "管理员只能查看审核意见。" };
    const inactive = clerkWriteRefusal(user, comment.report.agency);
    if (inactive) return { ok: false, code: 403, message: inactive };
    if (comment.resolvedAt) return { ok: true, id: comment.id };
    await tx.reviewComment.update({ where: { id: comment.id }, data: { resolvedAt: new Date() } });
    await recordAudit(tx, { actorId: user.id, action: "comment.resolved", entityType: "ReviewComment", entityId: comment.id, reportId: comment.reportId });
    return { ok: true, id: comment.id };
  });
}
