import Link from "@/components/layout/IntentLink";
import { StatusBadge } from "@/components/reports/StatusBadge";
import { DataTable } from "@/components/layout/DataTable";
import { StartReportButton } from "@/components/workspace/StartReportButton";
import { requireUser } from "@/lib/auth/guard";
import { AGENCY_INACTIVE_MESSAGE } from "@/lib/server/access/report-access";
import { formatDateTime, TEMPLATE_LABELS } from "@/lib/reports/format";
import { chineseDay, deadlineDay } from "@/lib/reports/lateness";
import { getClerkWorkspace } from "@/lib/server/queries/workspace";
import { isEditable } from "@/lib/workflow/transitions";

export const metadata = { title: "填报工作台" };

export default async function ClerkWorkspace() {
  const user = await requireUser(["CLERK"], "/workspace");
  const workspace = await getClerkWorkspace(user);
  if (!workspace) {
    return (
      <div className="card">
        <h1 className="page-title">填报工作台</h1>
        <p className="alert error">您的账号尚未关联填报单位，请联系系统管理员。</p>
      </div>
    );
  }
  const { agency, rows, dueNow } = workspace;
  return (
    <>
      <h1 className="page-title">填报工作台 · {agency.name}</h1>
      <p className="lead">
        单位代码 {agency.code} · 所属地区 {agency.region.name}
      </p>
      {!agency.active && (
        <p className="alert error" role="status">
          {AGENCY_INACTIVE_MESSAGE}
        </p>
      )}
      {dueNow && (
        <p className="alert info due-now" role="note" aria-label="当前报送年度">
          <strong>{dueNow.year} 年度报告</strong> 截止 {chineseDay(dueNow.deadlineDay)}，{dueNow.daysLeft === 0 ? "今天截止" : `还有 ${dueNow.daysLeft} 天`}
        </p>
      )}
      <div className="card">
        <h2>年度报告</h2>
        <DataTable
          label="年度报告"
          rows={rows}
          rowKey={(r) => r.year}
          rowProps={(r) => (r.year === dueNow?.year ? { className: "due-now", "aria-current": "true" } : {})}
          columns={[
            {
              header: "报告年度",
              cell: (r) => (
                <>
                  {r.year} 年度{r.year === dueNow?.year && <div className="due-now-mark">当前报送</div>}
                </>
              ),
            },
            { header: "报告格式", className: "muted", cell: (r) => TEMPLATE_LABELS[r.template] },
            { header: "报送截止", cell: (r) => chineseDay(deadlineDay(r.year, r.deadline)) },
            { header: "按期情况", className: (r) => (r.lateness.kind === "LATE" || r.lateness.kind === "OVERDUE" ? "overdue" : undefined), cell: (r) => r.lateness.text },
            {
              header: "状态",
              cell: (r) => (
                <>
                  <StatusBadge status={r.report?.status ?? "MISSING"} />
                  {r.report?.status === "RETURNED" && r.report.returnReason && <p className="return-reason">退回理由：{r.report.returnReason}</p>}
                  {r.report?.correctionReason && <p className="muted">更正说明：{r.report.correctionReason}</p>}
                  {r.report && (
                    <div>
                      <Link href={`/workspace/reports/${r.report.id}/audit`} style={{ fontSize: 13 }}>
                        审计记录
                      </Link>
                    </div>
                  )}
                </>
              ),
            },
            { header: "最后修改", cell: (r) => formatDateTime(r.report?.updatedAt) },
            { header: "公开版本", cell: (r) => (r.report?.publishedAt ? <Link href={`/reports/${agency.code}/${r.year}`}>查看公开报告</Link> : "—") },
            {
              header: "操作",
              cell: (r) =>
                r.report ? (
                  <Link className="btn small secondary" href={`/workspace/reports/${r.report.id}`}>
                    {isEditable(r.report.status) ? "继续填报" : "查看"}
                  </Link>
                ) : r.open ? (
                  <StartReportButton year={r.year} />
                ) : (
                  <span className="muted">已关闭填报</span>
                ),
            },
          ]}
        />
      </div>
    </>
  );
}
