import type { Metadata } from "next";
import Link from "@/components/layout/IntentLink";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/layout/DataTable";
import { ReportDocumentView } from "@/components/reports/ReportDocumentView";
import { StatusBadge } from "@/components/reports/StatusBadge";
import { AddCommentForm, type AnchorOption } from "@/components/review/CommentForms";
import { CommentOnReport } from "@/components/review/CommentOnReport";
import { CommentThreads } from "@/components/review/CommentThreads";
import { commentsInPlace } from "@/components/review/CommentsInPlace";
import { FigureComparison } from "@/components/review/FigureComparison";
import { TextDiff } from "@/components/review/TextDiff";
import { ReviewActions, type OfferedTransition } from "@/components/review/ReviewActions";
import { requireUser } from "@/lib/auth/guard";
import { QUALITY_FLAG_LABELS } from "@/lib/quality/flags";
import { anchorName, cellName } from "@/lib/reports/cell-name";
import { formatDateTime } from "@/lib/reports/format";
import { getReviewReport } from "@/lib/server/queries/review-report";
import { cellsOf, getTemplate, NARRATIVE_KEYS } from "@/lib/templates";
import { availableTransitions } from "@/lib/workflow/transitions";
import "@/components/review/review.css";

export const metadata: Metadata = { title: "审核报告" };

type Params = { params: Promise<{ id: string }> };

export default async function ReviewReportPage({ params }: Params) {
  const { id } = await params;
  const user = await requireUser(["REVIEWER", "ADMIN"], `/review/reports/${id}`);
  const data = await getReviewReport(user, id);
  if (!data) notFound();
  const { report, doc, templateId, violations, flags, sinceLastSubmission, submissionCount, lastYearDoc, comments, versions } = data;
  const template = getTemplate(templateId);
  const nextVersionNo = (versions[0]?.versionNo ?? 0) + 1;
  // 发布 names what becomes public before it happens (docs/product.md "Accessible names": 确认发布)
  const unresolved = comments.filter((c) => !c.resolvedAt);
  const confirmations: Partial<Record<OfferedTransition["action"], OfferedTransition["confirm"]>> = {
    // an approval locks the report: open comments are named first
    ...(unresolved.length > 0 && {
      approve: {
        confirmLabel: "确认审核通过",
        message: `还有 ${unresolved.length} 条审核意见未解决；审核通过后填报人不能再修改。仍要审核通过吗？`,
        items: unresolved.map((c) => `${anchorName(templateId, c.anchor)}：${c.body}`),
      },
    }),
    publish: {
      confirmLabel: "确认发布",
      message:
        nextVersionNo === 1
          ? `发布后，${report.agency.name} ${report.year} 年度报告（公开版本第 1 版）将立即向公众公开：全部表格、正文和联系方式，并出现在搜索、下载和统计中。`
          : `发布后，${report.agency.name} ${report.year} 年度报告的公开版本第 ${nextVersionNo} 版将立即替换第 ${nextVersionNo - 1} 版向公众公开${report.correctionReason ? `，附更正说明：${report.correctionReason}` : ""}；之前的版本仍可查阅。`,
    },
  };
  const transitions: OfferedTransition[] =
    user.role === "REVIEWER"
      ? availableTransitions(user.role, report.status).map((t) => {
          const action = t.action as OfferedTransition["action"];
          return { action, label: t.label, reasonLabel: t.reasonLabel, confirm: confirmations[action] };
        })
      : [];
  const anchors: AnchorOption[] = [
    ...NARRATIVE_KEYS.map((k) => ({ value: `narrative.${k}`, label: template.narrative[k].title, group: "正文" })),
    { value: "contact", label: "联系方式", group: "正文" },
    ...cellsOf(template).map((c) => ({ value: c.id, label: cellName(templateId, c.id), group: template.sections[c.section].title })),
  ];
  const errors = violations.filter((v) => v.severity === "error");
  const warnings = violations.filter((v) => v.severity === "warning");

  return (
    <>
      <nav className="no-print muted" aria-label="位置">
        <Link href={`/review?year=${report.year}`}>审核工作台</Link> › {report.agency.name} › {report.year} 年度
      </nav>
      <h1 className="page-title">
        {report.agency.name} {report.year} 年度报告 <StatusBadge status={report.status} />
      </h1>
      <p className="lead">
        {submissionCount > 0 ? `第 ${submissionCount} 次提交` : "尚未提交"} · 最近提交 {formatDateTime(report.submittedAt)} · 审核通过 {formatDateTime(report.approvedAt)} · 发布{" "}
        {formatDateTime(report.publishedAt)} · <Link href={`/review/reports/${report.id}/audit`}>审计记录</Link>
        {versions.length > 0 && (
          <>
            {" "}
            · <Link href={`/reports/${report.agency.code}/${report.year}`}>公开页面</Link>
          </>
        )}
      </p>
      {report.correctionReason && <p className="alert info">更正中 · 更正说明：{report.correctionReason}</p>}
      {report.status === "RETURNED" && report.returnReason && <p className="alert error">退回理由：{report.returnReason}</p>}

      {/* sticky: the actions stay in reach while the reviewer reads the report below */}
      <section className="card no-print review-action-bar" aria-labelledby="actions-title">
        <div className="review-action-bar-head">
          <h2 id="actions-title">审核操作</h2>
          <nav aria-label="本页内容" className="review-page-nav">
            <a href="#rules-title">规则检查</a> · <a href="#changes-title">变化</a> · <a href="#comments-title">审核意见（{comments.filter((c) => !c.resolvedAt).length} 条未解决）</a> ·{" "}
            <a href="#preview-title">报告全文</a>
          </nav>
        </div>
        {user.role === "ADMIN" ? <p className="muted">管理员只能查看，审核操作由本地区审核人执行。</p> : <ReviewActions reportId={report.id} version={report.version} transitions={transitions} />}
      </section>

      <div className="grid-2">
        <section className="card" aria-labelledby="rules-title">
          <h2 id="rules-title">规则检查</h2>
          {violations.length === 0 ? (
            <p>全部校验规则通过。</p>
          ) : (
            <ul className="findings">
              {[...errors, ...warnings].map((v, i) => (
                <li key={i} className={v.severity}>
                  {v.severity === "error" ? "错误" : "提示"}（{v.ruleId}）：{v.message}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="flags-title">
          <h2 id="flags-title">数据质量提示</h2>
          {flags.length === 0 ? (
            <p>未发现需要核对的情况。</p>
          ) : (
            <ul className="findings">
              {flags.map((f, i) => (
                <li key={i} className="warning">
                  {QUALITY_FLAG_LABELS[f.id]}：{f.message}
                </li>
              ))}
            </ul>
          )}
          <p className="muted" style={{ fontSize: 13 }}>
            提示仅供核对，不影响审核和发布。
          </p>
        </section>
      </div>

      <section className="card" aria-labelledby="changes-title">
        <h2 id="changes-title">自上次提交以来的变化</h2>
        {!sinceLastSubmission ? (
          <p className="muted">{submissionCount <= 1 ? "这是首次提交，没有更早的提交可比较。" : "更早的提交未存档，无法比较。"}</p>
        ) : sinceLastSubmission.cells.length + sinceLastSubmission.fields.length === 0 ? (
          <p>与 {formatDateTime(sinceLastSubmission.previousAt)} 的提交相比没有变化。</p>
        ) : (
          <>
            <p className="muted">
              {formatDateTime(sinceLastSubmission.previousAt)} 的提交 → {formatDateTime(sinceLastSubmission.newestAt)} 的提交
            </p>
            <DataTable
              label="自上次提交以来的变化"
              rows={[
                ...sinceLastSubmission.cells.map((c) => ({ id: c.id, kind: "cell" as const, before: c.before ?? "空白", after: c.after ?? "空白" })),
                // narratives: one character diff (an added sentence is easy to find); short fields: old and new
                ...sinceLastSubmission.fields.map((f) => ({ id: f.id, kind: f.id.startsWith("narrative.") ? ("narrative" as const) : ("field" as const), before: f.before || "空白", after: f.after || "空白", diff: f })),
              ]}
              rowKey={(r) => r.id}
              columns={[
                { header: "项目", cell: (r) => cellName(templateId, r.id) },
                {
                  header: "原值",
                  className: (r) => (r.kind === "cell" ? "num" : r.kind === "field" ? "text-change" : undefined),
                  span: (r) => (r.kind === "narrative" ? 2 : 1),
                  cell: (r) => (r.kind === "narrative" && "diff" in r ? <TextDiff before={r.diff.before} after={r.diff.after} /> : r.before),
                },
                { header: "新值", className: (r) => (r.kind === "cell" ? "num" : "text-change"), cell: (r) => r.after },
              ]}
            />
          </>
        )}
      </section>

      <section className="card" aria-labelledby="last-year-title">
        <h2 id="last-year-title">与上年对比</h2>
        {lastYearDoc ? <FigureComparison doc={doc} lastYear={lastYearDoc} /> : <p className="muted">系统中没有该单位 {report.year - 1} 年度的报告。</p>}
      </section>

      <section className="card" aria-labelledby="comments-title">
        <h2 id="comments-title">审核意见</h2>
        <CommentThreads reportId={report.id} templateId={templateId} comments={comments} canReply={user.role === "REVIEWER"} canResolve={user.role === "REVIEWER"} />
        {user.role === "REVIEWER" && <AddCommentForm reportId={report.id} anchors={anchors} />}
      </section>

      {versions.length > 0 && (
        <section className="card" aria-labelledby="versions-title">
          <h2 id="versions-title">公开版本</h2>
          <ul>
            {versions.map((v) => (
              <li key={v.versionNo}>
                第 {v.versionNo} 版 · {formatDateTime(v.publishedAt)}
                {v.changeNote && ` · 更正说明：${v.changeNote}`}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="preview-title">
        <h2 id="preview-title" className="no-print">
          报告全文（发布后的样式）
        </h2>
        {user.role === "REVIEWER" && <p className="muted no-print">点击表中的数字或各部分的“提意见”，可在该处提出意见；填报人在填报页面的同一位置看到。</p>}
        {/* the comments in place: each figure and part opens a comment form where it is */}
        <CommentOnReport reportId={report.id}>
          <ReportDocumentView doc={doc} annotations={commentsInPlace(templateId, unresolved, user.role === "REVIEWER")} />
        </CommentOnReport>
      </section>
    </>
  );
}
