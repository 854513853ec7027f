import { OfficialTable } from "@/components/reports/OfficialTable";
import { FilterForm } from "@/components/layout/FilterForm";
import { BatchPublishForm } from "@/components/review/BatchPublishForm";
import { DashboardTable, type DashboardTableRow } from "@/components/review/DashboardTable";
import { UrgeForm } from "@/components/review/UrgeForm";
import { requireUser } from "@/lib/auth/guard";
import { QUALITY_FLAG_IDS, QUALITY_FLAG_LABELS, type QualityFlagId } from "@/lib/quality/flags";
import { daysUntil, deadlineText } from "@/lib/reports/deadline";
import { formatDate, formatDateTime } from "@/lib/reports/format";
import { LATENESS_KINDS, LATENESS_LABELS, type LatenessKind } from "@/lib/reports/lateness";
import { STATUS_LABELS, type ReportStatusName } from "@/lib/reports/status";
import { getReviewDashboard, MAX_DASHBOARD_AGENCIES, type DashboardFilters, type DashboardRow } from "@/lib/server/queries/review-dashboard";
import { getTemplate } from "@/lib/templates";
import { isRegionCode } from "@/lib/codes";
import "@/components/review/review.css";

export const metadata = { title: "审核工作台" };

const STATUS_ORDER: (ReportStatusName | "MISSING")[] = ["MISSING", "DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "PUBLISHED"];
const KIND_LABELS = { TOWNSHIP: "乡镇（街道）", DEPARTMENT: "部门" } as const;

type Query = { year?: string; status?: string; kind?: string; flag?: string; region?: string; lateness?: string };

function parseFilters(q: Query): DashboardFilters {
  const year = /^\d{4}$/.test(q.year ?? "") ? Number(q.year) : new Date().getFullYear() - 1;
  const status = (STATUS_ORDER as string[]).includes(q.status ?? "") ? (q.status as DashboardFilters["status"]) : null;
  const kind = q.kind === "TOWNSHIP" || q.kind === "DEPARTMENT" ? q.kind : null;
  const flag = q.flag === "ANY" || (QUALITY_FLAG_IDS as string[]).includes(q.flag ?? "") ? (q.flag as DashboardFilters["flag"]) : null;
  const region = isRegionCode(q.region) ? q.region : null;
  const lateness = (LATENESS_KINDS as string[]).includes(q.lateness ?? "") ? (q.lateness as LatenessKind) : null;
  return { year, status, kind, flag, region, lateness };
}

const percent = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

/** The table's rows, formatted here (the table is a client component: see its file). */
function tableRows(rows: DashboardRow[]): DashboardTableRow[] {
  return rows.map((r) => {
    const status = r.report?.status ?? "MISSING";
    return {
      agencyId: r.agency.id,
      agencyName: r.agency.name,
      agencyCode: r.agency.code,
      kindLabel: KIND_LABELS[r.agency.kind],
      clerk: { names: r.clerk.names.join("、") || "—", phone: r.clerk.phone ?? "—" },
      status,
      report: r.report && { id: r.report.id, version: r.report.version },
      submittedAt: formatDateTime(r.report?.submittedAt),
      publishedAt: formatDateTime(r.report?.publishedAt),
      // lib/reports/lateness.ts: from the first publication against the year's deadline
      deadline: { text: r.lateness.text, overdue: r.lateness.kind === "LATE" || r.lateness.kind === "OVERDUE" },
      figures: r.figures
        ? [String(r.figures.received), percent(r.figures.grantedShare), String(r.figures.reconsideration), String(r.figures.litigation)]
        : ["—", "—", "—", "—"],
      flags: r.flags.map((f) => ({ label: QUALITY_FLAG_LABELS[f.id], message: f.message })),
    };
  });
}

export default async function ReviewerDashboard({ searchParams }: { searchParams: Promise<Query> }) {
  const user = await requireUser(["REVIEWER", "ADMIN"], "/review");
  const filters = parseFilters(await searchParams);
  const { region, area, areaOptions, agencyCount, tooMany, years, reportingYear, rows, allCount, latenessCounts, totals, templateId } = await getReviewDashboard(user, filters);
  const canAct = user.role === "REVIEWER";
  const deadline = reportingYear?.deadline ?? null;
  const approved = rows.filter((r) => r.report?.status === "APPROVED");
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.report?.status ?? "MISSING"] = (counts[r.report?.status ?? "MISSING"] ?? 0) + 1;
  const template = templateId ? getTemplate(templateId) : null;
  // the region whose on-time record the export link names: the area listed, else the reviewer's region
  const exportRegion = area?.code ?? region?.code ?? null;

  return (
    <div className="review-dashboard-page">
      <h1 className="page-title">审核工作台 · {user.role === "ADMIN" ? "全部地区（只读）" : (region?.name ?? "未分配地区")}</h1>
      <p className="lead">
        {filters.year} 年度报告 · 报送截止 {formatDate(deadline)}
        {deadline && ` · ${deadlineText(daysUntil(deadline))}`}
      </p>
      <FilterForm
        className="filters no-print"
        aria-label="筛选"
        submitLabel="筛选"
        applyOnChange
        fields={[
          { kind: "select", name: "year", label: "报告年度", value: String(filters.year), options: years.map((y) => ({ value: String(y.year), label: `${y.year} 年度` })) },
          // only where there is a smaller area to choose (a county reviewer has none)
          ...(areaOptions.length > 0
            ? [
                {
                  kind: "select" as const,
                  name: "region",
                  label: "地区",
                  value: area?.code ?? "",
                  all: user.role === "ADMIN" ? "全部地区" : `${region?.name ?? ""}（全部）`,
                  // indented by depth below the scope: full-width spaces, which a select keeps
                  options: areaOptions.map((o) => ({ value: o.code, label: `${"\u3000".repeat(o.depth)}${o.name}` })),
                },
              ]
            : []),
          { kind: "select", name: "status", label: "状态", value: filters.status ?? "", all: "全部", options: STATUS_ORDER.map((s) => ({ value: s, label: STATUS_LABELS[s] })) },
          { kind: "select", name: "kind", label: "单位类型", value: filters.kind ?? "", all: "全部", options: (["TOWNSHIP", "DEPARTMENT"] as const).map((k) => ({ value: k, label: KIND_LABELS[k] })) },
          {
            kind: "select",
            name: "lateness",
            label: "按期情况",
            value: filters.lateness ?? "",
            all: "全部",
            options: LATENESS_KINDS.map((k) => ({ value: k, label: LATENESS_LABELS[k] })),
          },
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
      {tooMany ? (
        <p role="status" className="alert info">
          {area?.name ?? (user.role === "ADMIN" ? "全部地区" : region?.name)}共有 {agencyCount.toLocaleString("zh-CN")} 个单位，超过一页可列出的{" "}
          {MAX_DASHBOARD_AGENCIES.toLocaleString("zh-CN")} 个。{areaOptions.some((o) => o.below) && "请在“地区”中选择下级地区。"}
        </p>
      ) : (
        <div className="card">
          <p aria-label="各状态数量">
            显示 {rows.length} / {allCount} 个单位：
            {STATUS_ORDER.map((s) => (
              <span key={s} className="count" style={{ marginLeft: 16 }}>
                {STATUS_LABELS[s]} <strong>{counts[s] ?? 0}</strong>
              </span>
            ))}
          </p>
          <p aria-label="按期情况数量">
            按期情况：
            {LATENESS_KINDS.map((k) => (
              <span key={k} className="count" style={{ marginRight: 16 }}>
                {LATENESS_LABELS[k]} <strong>{latenessCounts[k]}</strong>
              </span>
            ))}
            {exportRegion && (
              <span className="no-print count">
                按期发布记录下载：<a href={`/api/regions/${exportRegion}/lateness.xlsx`}>Excel</a> · <a href={`/api/regions/${exportRegion}/lateness.csv`}>CSV</a>
              </span>
            )}
          </p>
          {canAct && <BatchPublishForm approvedCount={approved.length} year={filters.year} />}
          {canAct && <UrgeForm year={filters.year} />}
          <div className="table-frame">
            <DashboardTable rows={tableRows(rows)} canAct={canAct} />
          </div>
        </div>
      )}
      {template && totals && (
        <div className="card">
          <h2>本地区合计（所显示的 {totals.reportCount} 份报告）</h2>
          <OfficialTable template={template} section="applications" values={totals.applications} />
          <OfficialTable template={template} section="reviewLitigation" values={totals.reviewLitigation} />
        </div>
      )}
    </div>
  );
}
