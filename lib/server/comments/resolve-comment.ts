import type { CurrentUser } from "@/lib/auth/guard";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../prisma";
import type { CommentResult } from "./add-comment";
import { commentForWrite } from "./comment-for-write";

/** Marks a comment resolved: the reviewer in scope, or the clerk of the report's agency once it is dealt with. */
export async function resolveComment(db: Db, user: CurrentUser, input: { commentId: string }): Promise<CommentResult> {
  return db.$transaction(async (tx): Promise<CommentResult> => {
    const found = await commentForWrite(tx, user, input.commentId);
    if (!found.ok) return found;
    const { comment } = found;
    if (comment.resolvedAt) return { ok: true, id: comment.id };
    await tx.reviewComment.update({ where: { id: comment.id }, data: { resolvedAt: new Date() } });
    await recordAudit(tx, { actorId: user.id, action: "comment.resolved", entityType: "ReviewComment", entityId: comment.id, reportId: comment.reportId });
    return { ok: true, id: comment.id };
  });
}
