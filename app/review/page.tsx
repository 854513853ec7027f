import Link from "next/link";
import { StatusBadge } from "@/components/reports/StatusBadge";
import { requireUser } from "@/lib/auth/guard";
import { formatDate, formatDateTime } from "@/lib/reports/format";
import { STATUS_LABELS, type ReportStatusName } from "@/lib/reports/status";
import { getReviewOverview } from "@/lib/server/queries/workspace";

export const metadata = { title: "审核工作台" };

const STATUS_ORDER: (ReportStatusName | "MISSING")[] = ["MISSING", "DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "PUBLISHED"];

export default async function ReviewerDashboard({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const user = await requireUser(["REVIEWER"], "/review");
  const { year: yearParam } = await searchParams;
  const defaultYear = new Date().getFullYear() - 1;
  const year = /^\d{4}$/.test(yearParam ?? "") ? Number(yearParam) : defaultYear;
  const { region, rows, counts, years } = await getReviewOverview(user, year);
  const deadline = years.find((y) => y.year === year)?.deadline;

  return (
    <>
      <h1 className="page-title">审核工作台 · {region?.name ?? "未分配地区"}</h1>
      <p className="lead">
        {year} 年度报告 · 报送截止 {formatDate(deadline)}
      </p>
      <form className="filters no-print" method="get">
        <label>
          报告年度{" "}
          <select name="year" defaultValue={String(year)} aria-label="报告年度">
            {years.map((y) => (
              <option key={y.year} value={y.year}>
                {y.year} 年度
              </option>
            ))}
          </select>
        </label>
        <button className="btn secondary" type="submit">
          查看
        </button>
      </form>
      <div className="card">
        <p aria-label="各状态数量">
          {STATUS_ORDER.map((s) => (
            <span key={s} style={{ marginRight: 16 }}>
              {STATUS_LABELS[s]} <strong>{counts[s] ?? 0}</strong>
            </span>
          ))}
        </p>
        <table className="data" aria-label="辖区单位报送情况">
          <thead>
            <tr>
              <th>单位</th>
              <th>代码</th>
              <th>类型</th>
              <th>状态</th>
              <th>提交时间</th>
              <th>公开报告</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <td>{r.name}</td>
                <td className="muted">{r.code}</td>
                <td>{r.kind === "TOWNSHIP" ? "乡镇（街道）" : "部门"}</td>
                <td>
                  <StatusBadge status={r.report?.status ?? "MISSING"} />
                </td>
                <td>{formatDateTime(r.report?.submittedAt)}</td>
                <td>{r.report?.status === "PUBLISHED" ? <Link href={`/reports/${r.code}/${year}`}>查看</Link> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
