export type ReportStatusName = "DRAFT" | "SUBMITTED" | "RETURNED" | "APPROVED" | "PUBLISHED";

export const STATUS_LABELS: Record<ReportStatusName | "MISSING", string> = {
  MISSING: "未填报",
  DRAFT: "草稿",
  SUBMITTED: "待审核",
  RETURNED: "已退回",
  APPROVED: "已审核",
  PUBLISHED: "已发布",
};
