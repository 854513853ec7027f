// What each kind of notice is called (docs/product.md "Accessible names": each notice names what happened).
import type { NotificationKind } from "@/lib/generated/prisma/enums";

export const NOTICE_LABELS: Record<NotificationKind, string> = {
  RETURNED: "退回",
  APPROVED: "审核通过",
  PUBLISHED: "发布",
  CORRECTED: "更正",
  COMMENT: "审核意见",
  SUBMITTED: "提交审核",
  URGE: "催报",
  REMINDER: "截止提醒",
};

export type NoticeKind = NotificationKind;
