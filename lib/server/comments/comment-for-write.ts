import type { CurrentUser } from "@/lib/auth/guard";
import { isSafeText } from "@/lib/zod";
import { clerkWriteRefusal } from "../access/report-access";
import { agencyInScope } from "../access/scope";
import type { Db } from "../prisma";
import type { CommentResult } from "./add-comment";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * The comment a user may write to (reply, resolve), read inside the caller's transaction: in the
 * user's scope (else 404, so a comment outside it is not even confirmed to exist), not an
 * administrator's (they only read), and not of a deactivated agency's clerk.
 */
export async function commentForWrite(
  tx: Tx,
  user: CurrentUser,
  commentId: string,
): Promise<{ ok: true; comment: { id: string; resolvedAt: Date | null; reportId: string } } | Extract<CommentResult, { ok: false }>> {
  if (!isSafeText(commentId)) return { ok: false, code: 404, message: "意见不存在。" };
  const comment = await tx.reviewComment.findUnique({
    where: { id: commentId },
    select: { id: true, resolvedAt: true, reportId: true, report: { select: { agency: { select: { id: true, active: true, region: { select: { path: true } } } } } } },
  });
  if (!comment || !agencyInScope(user, comment.report.agency)) return { ok: false, code: 404, message: "意见不存在。" };
  if (user.role === "ADMIN") return { ok: false, code: 403, message: "管理员只能查看审核意见。" };
  const inactive = clerkWriteRefusal(user, comment.report.agency);
  if (inactive) return { ok: false, code: 403, message: inactive };
  return { ok: true, comment: { id: comment.id, resolvedAt: comment.resolvedAt, reportId: comment.reportId } };
}
