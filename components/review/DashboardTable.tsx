"use client";
// The reviewer dashboard's table of the agencies in scope. A client component for one reason:
// the page's RSC payload then carries each row as its data (a few hundred bytes) instead of
// its rendered element tree (about three times that), and the server renders the rows once
// (to HTML) instead of twice (to the payload, then to HTML): for a county of 300 agencies that
// is most of the page's weight and of its time on the server. Everything shown is formatted on
// the server (dates in the server's time zone, as on every other page), so the browser
// renders exactly what the server did.
import { DataTable } from "@/components/layout/DataTable";
import { StatusBadge } from "@/components/reports/StatusBadge";
import type { ReportStatusName } from "@/lib/reports/status";
import { BATCH_PUBLISH_FORM_ID } from "./BatchPublishForm";
import { URGE_FORM_ID } from "./UrgeForm";

/** The figures' columns, in the order of `DashboardTableRow.figures`. */
const FIGURE_HEADERS = ["新收申请", "予以公开", "复议", "诉讼"] as const;

/** Rows that may be urged (催报): nothing submitted yet. */
const URGEABLE = new Set<DashboardTableRow["status"]>(["MISSING", "DRAFT", "RETURNED"]);

export interface DashboardTableRow {
  agencyId: string;
  agencyName: string;
  agencyCode: string;
  kindLabel: string;
  /** the agency's clerks (填报人) and the phone to reach them, "—" where unknown */
  clerk: { names: string; phone: string };
  status: ReportStatusName | "MISSING";
  /** the report's id and version (the batch publish names both); null: no report this year */
  report: { id: string; version: number } | null;
  submittedAt: string;
  publishedAt: string;
  /** the lateness (按期发布 / 逾期发布 N 天 / 逾期未报 / 未到期…), marked when late or overdue */
  deadline: { text: string; overdue: boolean };
  /** 新收申请, 予以公开 share, 复议, 诉讼 as shown ("—" without a report) */
  figures: [string, string, string, string];
  flags: { label: string; message: string }[];
}

export function DashboardTable({ rows, canAct }: { rows: DashboardTableRow[]; canAct: boolean }) {
  return (
    // review-dashboard: headers and buttons never wrap (1366 px wide screens fit every column)
    <DataTable
      label="辖区单位报送情况"
      className="review-dashboard"
      rows={rows}
      rowKey={(r) => r.agencyId}
      columns={[
        canAct && {
          header: "选择",
          cell: (r) =>
            r.status === "APPROVED" &&
            r.report && (
              <input
                type="checkbox"
                form={BATCH_PUBLISH_FORM_ID}
                name="publish"
                value={`${r.report.id}:${r.report.version}`}
                aria-label={`选择 ${r.agencyName}`}
                data-agency-name={r.agencyName}
              />
            ),
        },
        {
          header: "单位",
          className: "agency",
          cell: (r) => (
            <>
              {r.agencyName}
              <div className="muted code">
                {r.kindLabel} · {r.agencyCode}
              </div>
            </>
          ),
        },
        {
          header: "填报人",
          className: "clerk",
          cell: (r) => (
            <>
              {r.clerk.names}
              <div className="muted">{r.clerk.phone}</div>
            </>
          ),
        },
        { header: "状态", cell: (r) => <StatusBadge status={r.status} /> },
        { header: "提交时间", className: "when", cell: (r) => r.submittedAt },
        { header: "发布时间", className: "when", cell: (r) => r.publishedAt },
        { header: "按期情况", className: (r) => (r.deadline.overdue ? "overdue" : undefined), cell: (r) => r.deadline.text },
        ...FIGURE_HEADERS.map((header, i) => ({ header, num: true, cell: (r: DashboardTableRow) => r.figures[i] })),
        {
          header: "数据质量提示",
          className: "flags",
          cell: (r) =>
            r.flags.length === 0 ? (
              "—"
            ) : (
              <ul className="flags">
                {r.flags.map((f, i) => (
                  <li key={i} title={f.message}>
                    ⚠ {f.label}
                  </li>
                ))}
              </ul>
            ),
        },
        {
          header: "操作",
          className: "actions",
          cell: (r) => (
            <>
              {/* plain links: next/link would prefetch every report page on screen */}
              {r.report && r.status === "SUBMITTED" && canAct ? (
                <a className="btn" href={`/review/reports/${r.report.id}`}>
                  审核
                </a>
              ) : r.report ? (
                <a href={`/review/reports/${r.report.id}`}>查看</a>
              ) : (
                !(canAct && URGEABLE.has(r.status)) && "—"
              )}
              {canAct && URGEABLE.has(r.status) && (
                <button type="submit" form={URGE_FORM_ID} name="agencyCode" value={r.agencyCode} className="btn link" aria-label={`催报 ${r.agencyName}`}>
                  催报
                </button>
              )}
            </>
          ),
        },
      ]}
    />
  );
}
