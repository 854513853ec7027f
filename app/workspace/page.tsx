import Link from "next/link";
import { StatusBadge } from "@/components/reports/StatusBadge";
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
        <table className="data" aria-label="年度报告">
          <thead>
            <tr>
              <th>报告年度</th>
              <th>报告格式</th>
              <th>报送截止</th>
              <th>按期情况</th>
              <th>状态</th>
              <th>最后修改</th>
              <th>公开版本</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.year} className={r.year === dueNow?.year ? "due-now" : undefined} aria-current={r.year === dueNow?.year ? "true" : undefined}>
                <td>
                  {r.year} 年度{r.year === dueNow?.year && <div className="due-now-mark">当前报送</div>}
                </td>
                <td className="muted">{TEMPLATE_LABELS[r.template]}</td>
                <td>{chineseDay(deadlineDay(r.year, r.deadline))}</td>
                <td className={r.lateness.kind === "LATE" || r.lateness.kind === "OVERDUE" ? "overdue" : undefined}>{r.lateness.text}</td>
                <td>
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
                </td>
                <td>{formatDateTime(r.report?.updatedAt)}</td>
                <td>
                  {r.report?.publishedAt ? <Link href={`/reports/${agency.code}/${r.year}`}>查看公开报告</Link> : "—"}
                </td>
                <td>
                  {r.report ? (
                    <Link className="btn small secondary" href={`/workspace/reports/${r.report.id}`}>
                      {isEditable(r.report.status) ? "继续填报" : "查看"}
                    </Link>
                  ) : r.open ? (
                    <StartReportButton year={r.year} />
                  ) : (
                    <span className="muted">已关闭填报</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
