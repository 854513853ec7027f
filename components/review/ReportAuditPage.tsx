import Link from "@/components/layout/IntentLink";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/reports/StatusBadge";
import type { CurrentUser } from "@/lib/auth/guard";
import { getReportAudit } from "@/lib/server/queries/review-report";
import { AuditTrail } from "./AuditTrail";

/** The audit page of one report, shared by /review/reports/[id]/audit and /workspace/reports/[id]/audit. */
export async function ReportAuditPage({ user, reportId, back }: { user: CurrentUser; reportId: string; back: { href: string; label: string } }) {
  const data = await getReportAudit(user, reportId);
  if (!data) notFound();
  const { report, events, templateId } = data;
  return (
    <>
      <nav className="no-print muted" aria-label="位置">
        <Link href={back.href}>{back.label}</Link> › 审计记录
      </nav>
      <h1 className="page-title">
        审计记录 · {report.agency.name} {report.year} 年度 <StatusBadge status={report.status} />
      </h1>
      <p className="lead">内部版本号 {report.version}（每次保存和每次状态变化加一；审核页面上的“第 N 次提交”只数提交审核）</p>
      <div className="card">
        <AuditTrail events={events} templateId={templateId} />
      </div>
    </>
  );
}
