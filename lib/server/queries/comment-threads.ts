import "server-only";
import type { CurrentUser } from "@/lib/auth/guard";
import { db } from "../db";
import { agenciesInScope } from "../access/scope";
import { TEMPLATE_ID } from "../reports/report-document";

/** How a thread is read: a comment with its replies, oldest first. */
export const commentThreadInclude = {
  author: { select: { displayName: true } },
  replies: { orderBy: { createdAt: "asc" }, include: { author: { select: { displayName: true } } } },
} as const;

/** A report's comment threads for anyone whose scope covers it (the clerk: own agency), or null. */
export async function getCommentThreads(user: CurrentUser, reportId: string) {
  const report = await db.report.findFirst({ where: { id: reportId, agency: agenciesInScope(user) }, select: { id: true, template: true } });
  if (!report) return null;
  const comments = await db.reviewComment.findMany({ where: { reportId }, orderBy: { createdAt: "asc" }, include: commentThreadInclude });
  return { templateId: TEMPLATE_ID[report.template], comments };
}
