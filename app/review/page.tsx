import { OfficialTable } from "@/components/reports/OfficialTable";
import { StatusBadge } from "@/components/reports/StatusBadge";
import { FilterForm } from "@/components/layout/FilterForm";
import { BATCH_PUBLISH_FORM_ID, BatchPublishForm } from "@/components/review/BatchPublishForm";
import { requireUser } from "@/lib/auth/guard";
import { QUALITY_FLAG_IDS, QUALITY_FLAG_LABELS, type QualityFlagId } from "@/lib/quality/flags";
import { daysUntil, deadlineText } from "@/lib/reports/deadline";
import { formatDate, formatDateTime } from "@/lib/reports/format";
import { STATUS_LABELS, type ReportStatusName } from "@/lib/reports/status";
import { getReviewDashboard, type DashboardFilters } from "@/lib/server/queries/review-dashboard";
import { getTemplate } from "@/lib/templates";

export const metadata = { title: "审核工作台" };

const STATUS_ORDER: (ReportStatusName | "MISSING")[] = ["MISSING", "DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "PUBLISHED"];
const KIND_LABELS = { TOWNSHIP: "乡镇（街道）", DEPARTMENT: "部门" } as const;
/** still to be filed: the deadline matters to these */
const NOT_FILED = new Set<ReportStatusName | "MISSING">(["MISSING", "DRAFT", "RETURNED"]);

type Query = { year?: string; status?: string; kind?: string; flag?: string };

function parseFilters(q: Query): DashboardFilters {
  const year = /^\d{4}$/.test(q.year ?? "") ? Number(q.year) : new Date().getFullYear() - 1;
  const status = (STATUS_ORDER as string[]).includes(q.status ?? "") ? (q.status as DashboardFilters["status"]) : null;
  const kind = q.kind === "TOWNSHIP" || q.kind === "DEPARTMENT" ? q.kind : null;
  const flag = q.flag === "ANY" || (QUALITY_FLAG_IDS as string[]).includes(q.flag ?? "") ? (q.flag as DashboardFilters["flag"]) : null;
  return { year, status, kind, flag };
}

const percent = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

export default async function ReviewerDashboard({ searchParams }: { searchParams: Promise<Query> }) {
  const user = await requireUser(["REVIEWER", "ADMIN"], "/review");
  const filters = parseFilters(await searchParams);
  const { region, years, reportingYear, rows, allCount, totals, templateId } = await getReviewDashboard(user, filters);
  const canAct = user.role === "REVIEWER";
  const deadline = reportingYear?.deadline ?? null;
  const approved = rows.filter((r) => r.report?.status === "APPROVED");
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.report?.status ?? "MISSING"] = (counts[r.report?.status ?? "MISSING"] ?? 0) + 1;
  const template = templateId ? getTemplate(templateId) : null;

  return (
    <>
      <h1 className="page-title">审核工作台 · {user.role === "ADMIN" ? "全部地区（只读）" : (region?.name ?? "未分配地区")}</h1>
      <p className="lead">
        {filters.year} 年度报告 · 报送截止 {formatDate(deadline)}
        {deadline && ` · ${deadlineText(daysUntil(deadline))}`}
      </p>
      <FilterForm
        className="filters no-print"
        aria-label="筛选"
        submitLabel="筛选"
        fields={[
          { kind: "select", name: "year", label: "报告年度", value: String(filters.year), options: years.map((y) => ({ value: String(y.year), label: `${y.year} 年度` })) },
          { kind: "select", name: "status", label: "状态", value: filters.status ?? "", all: "全部", options: STATUS_ORDER.map((s) => ({ value: s, label: STATUS_LABELS[s] })) },
          { kind: "select", name: "kind", label: "单位类型", value: filters.kind ?? "", all: "全部", options: (["TOWNSHIP", "DEPARTMENT"] as const).map((k) => ({ value: k, label: KIND_LABELS[k] })) },
          {
            kind: "select",
            name: "flag",
            label: "数据质量提示",
            value: filters.flag ?? "",
            all: "全部",
            options: [{ value: "ANY", label: "有任一提示" }, ...QUALITY_FLAG_IDS.map((f) => ({ value: f, label: QUALITY_FLAG_LABELS[f] }))],
          },
        ]}
      />
      <div className="card">
        <p aria-label="各状态数量">
          显示 {rows.length} / {allCount} 个单位：
          {STATUS_ORDER.map((s) => (
            <span key={s} style={{ marginLeft: 16 }}>
              {STATUS_LABELS[s]} <strong>{counts[s] ?? 0}</strong>
            </span>
          ))}
        </p>
        {canAct && <BatchPublishForm approvedCount={approved.length} />}
        <div className="table-frame">
          <table className="data" aria-label="辖区单位报送情况">
            <thead>
              <tr>
                {canAct && <th>选择</th>}
                <th>单位</th>
                <th>类型</th>
                <th>状态</th>
                <th>提交时间</th>
                <th>发布时间</th>
                <th>截止</th>
                <th className="num">新收申请</th>
                <th className="num">予以公开</th>
                <th className="num">复议</th>
                <th className="num">诉讼</th>
                <th>数据质量提示</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const status = r.report?.status ?? "MISSING";
                const days = deadline ? daysUntil(deadline) : null;
                return (
                  <tr key={r.agency.id}>
                    {canAct && (
                      <td>
                        {status === "APPROVED" && r.report && (
                          <input
                            type="checkbox"
                            form={BATCH_PUBLISH_FORM_ID}
                            name="publish"
                            value={`${r.report.id}:${r.report.version}`}
                            aria-label={`选择 ${r.agency.name}`}
                          />
                        )}
                      </td>
                    )}
                    <td>
                      {r.agency.name}
                      <div className="muted code">
                        {r.agency.code}
                      </div>
                    </td>
                    <td>{KIND_LABELS[r.agency.kind]}</td>
                    <td>
                      <StatusBadge status={status} />
                    </td>
                    <td>{formatDateTime(r.report?.submittedAt)}</td>
                    <td>{formatDateTime(r.report?.publishedAt)}</td>
                    <td className={days !== null && days < 0 && NOT_FILED.has(status) ? "overdue" : undefined}>
                      {days === null ? "—" : NOT_FILED.has(status) ? deadlineText(days) : "已报送"}
                    </td>
                    <td className="num">{r.figures ? r.figures.received : "—"}</td>
                    <td className="num">{r.figures ? percent(r.figures.grantedShare) : "—"}</td>
                    <td className="num">{r.figures ? r.figures.reconsideration : "—"}</td>
                    <td className="num">{r.figures ? r.figures.litigation : "—"}</td>
                    <td>
                      {r.flags.length === 0 ? (
                        "—"
                      ) : (
                        <ul className="flags">
                          {r.flags.map((f, i) => (
                            <li key={i} title={f.message}>
                              ⚠ {QUALITY_FLAG_LABELS[f.id]}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      {/* plain links: a county's few hundred rows as next/link would each be a
                          client component to render and hydrate, and would prefetch every
                          report page on screen */}
                      {r.report && status === "SUBMITTED" && canAct ? (
                        <a className="btn" href={`/review/reports/${r.report.id}`}>
                          审核
                        </a>
                      ) : r.report ? (
                        <a href={`/review/reports/${r.report.id}`}>查看</a>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
      {template && totals && (
        <div className="card">
          <h2>本地区合计（所显示的 {totals.reportCount} 份报告）</h2>
          <OfficialTable template={template} section="applications" values={totals.applications} />
          <OfficialTable template={template} section="reviewLitigation" values={totals.reviewLitigation} />
        </div>
      )}
    </>
  );
}
