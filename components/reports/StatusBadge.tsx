import { STATUS_LABELS, type ReportStatusName } from "@/lib/reports/status";

export function StatusBadge({ status }: { status: ReportStatusName | "MISSING" }) {
  return <span className={`badge ${status}`}>{STATUS_LABELS[status]}</span>;
}
