import Link from "@/components/layout/IntentLink";
import { notFound } from "next/navigation";
import { ReportEditor } from "@/components/report-editor/ReportEditor";
import { ReportDocumentView } from "@/components/reports/ReportDocumentView";
import { StatusBadge } from "@/components/reports/StatusBadge";
import { requireUser } from "@/lib/auth/guard";
import { formatDateTime, TEMPLATE_LABELS } from "@/lib/reports/format";
import { CommentThreads } from "@/components/review/CommentThreads";
import { getCommentThreads } from "@/lib/server/queries/comment-threads";
import { getReportForEditor } from "@/lib/server/queries/report-editor";
import "@/components/review/review.css";
import { TEMPLATE_CODE } from "@/lib/server/reports/report-document";
import { isEditable } from "@/lib/workflow/transitions";

export const metadata = { title: "填报年度报告" };

export default async function ReportEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(["CLERK"], `/workspace/reports/${id}`);
  const [report, threads] = await Promise.all([getReportForEditor(user, id), getCommentThreads(user, id)]);
  if (!report) notFound();
  const doc = report.document;
  const editable = isEditable(report.status);
  return (
    <>
      <p className="muted">
        <Link href="/workspace">← 填报工作台</Link>
      </p>
      <h1 className="page-title">
        {doc.agency.name} {doc.year} 年度政府信息公开工作年度报告 <StatusBadge status={report.status} />
      </h1>
      <p className="lead">
        {TEMPLATE_LABELS[TEMPLATE_CODE[doc.template]]} · 最后修改 {formatDateTime(report.updatedAt)}
      </p>
      {editable ? (
        <ReportEditor
          key={`${report.id}:${report.version}`}
          reportId={report.id}
          userId={user.id}
          version={report.version}
          document={doc}
          cellTexts={report.cellTexts}
          lastYear={report.lastYear}
          returnReason={report.status === "RETURNED" ? report.returnReason : null}
          correctionReason={report.correctionReason}
          comments={report.comments}
        />
      ) : (
        <>
          <p role="status" className="alert info">
            {report.status === "SUBMITTED"
              ? "已提交审核，审核人退回之前不能修改。"
              : report.status === "APPROVED"
                ? "已审核通过，数据已锁定。"
                : "已发布，数据已锁定；如需更正请联系审核人发起更正。"}
          </p>
          <ReportDocumentView doc={doc} />
        </>
      )}
      {/* the reviewer's comments as threads, each open one with 回复 */}
      {threads && threads.comments.length > 0 && (
        <section className="card" aria-labelledby="comment-threads-title">
          <h2 id="comment-threads-title">审核意见与回复</h2>
          <CommentThreads reportId={report.id} templateId={threads.templateId} comments={threads.comments} canReply canResolve={false} />
        </section>
      )}
    </>
  );
}
