import type { CurrentUser } from "@/lib/auth/guard";
import { isSafeText, UNSAFE_TEXT_MESSAGE } from "@/lib/zod";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../prisma";
import { COMMENT_MAX_LENGTH, type CommentResult } from "./add-comment";
import { commentForWrite } from "./comment-for-write";

/**
 * A reply in a review comment's thread: the clerk of the report's agency answering the
 * reviewer (回复), or a reviewer in scope answering back. Only an open comment takes replies;
 * a resolved one (by a reviewer, or closed when the report was published) is finished.
 */
export async function replyToComment(db: Db, user: CurrentUser, input: { commentId: string; body: string }): Promise<CommentResult> {
  const body = input.body.trim();
  if (!body) return { ok: false, code: 422, message: "请填写回复内容。" };
  if (body.length > COMMENT_MAX_LENGTH) return { ok: false, code: 422, message: `回复不能超过 ${COMMENT_MAX_LENGTH} 字。` };
  if (!isSafeText(body)) return { ok: false, code: 422, message: `回复${UNSAFE_TEXT_MESSAGE}` };
  return db.$transaction(async (tx): Promise<CommentResult> => {
    const found = await commentForWrite(tx, user, input.commentId);
    if (!found.ok) return found;
    const { comment } = found;
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
