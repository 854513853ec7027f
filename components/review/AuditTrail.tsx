// A report's audit trail: who did what and when, with the cells (named by the template's
// row and column labels, old → new) and texts that changed.
import { DataTable } from "@/components/layout/DataTable";
import { describeLongTextChange, isTextDigest } from "@/lib/reports/audit-text";
import { cellName } from "@/lib/reports/cell-name";
import { formatDateTime } from "@/lib/reports/format";
import { STATUS_LABELS, type ReportStatusName } from "@/lib/reports/status";
import type { TemplateId } from "@/lib/templates";

const ACTION_LABELS: Record<string, string> = {
  "report.imported": "导入报告",
  "report.created": "创建报告",
  "report.saved": "保存草稿",
  "report.submit": "提交审核",
  "report.return": "退回",
  "report.approve": "审核通过",
  "report.publish": "发布",
  "report.published": "发布",
  "report.reopen": "发起更正",
  "comment.added": "添加审核意见",
  "comment.resolved": "审核意见已解决",
  "comment.replied": "回复审核意见",
};

export interface AuditEventView {
  id: bigint;
  at: Date;
  action: string;
  actorLabel: string | null;
  actor: { displayName: string; username: string } | null;
  details: unknown;
}

type Pair = [unknown, unknown];
const isPair = (v: unknown): v is Pair => Array.isArray(v) && v.length === 2;
const show = (v: unknown) => (v === null || v === undefined || v === "" ? "空白" : String(v));

function Details({ details, templateId }: { details: unknown; templateId: TemplateId }) {
  if (!details || typeof details !== "object") return null;
  const d = details as Record<string, unknown>;
  const lines: React.ReactNode[] = [];
  if (typeof d.from === "string" && typeof d.to === "string") {
    lines.push(`${STATUS_LABELS[d.from as ReportStatusName] ?? d.from} → ${STATUS_LABELS[d.to as ReportStatusName] ?? d.to}`);
  }
  if (typeof d.reason === "string") lines.push(`理由：${d.reason}`);
  if (typeof d.versionNo === "number") lines.push(`公开版本第 ${d.versionNo} 版${typeof d.changeNote === "string" && d.changeNote ? `，更正说明：${d.changeNote}` : ""}`);
  if (typeof d.closedComments === "number") lines.push(`随发布关闭未解决的审核意见 ${d.closedComments} 条`);
  if (typeof d.body === "string" && d.replyId) lines.push(`回复：${d.body}`);
  else if (typeof d.body === "string") lines.push(`「${d.anchor ? cellName(templateId, String(d.anchor)) : "整份报告"}」：${d.body}`);
  if (d.snapshot) lines.push("提交的内容已存档（审核页面据此比较各次提交）");
  // cells: { "section/row/column": [old, new] }; texts/fields: { key: [old, new] } or a list of keys
  for (const key of ["cells", "texts", "fields"] as const) {
    const v = d[key];
    if (Array.isArray(v) && v.length && v.every((x) => typeof x === "string")) {
      lines.push(`修改了：${v.map((k) => cellName(templateId, k)).join("、")}`);
    } else if (v && typeof v === "object" && !Array.isArray(v)) {
      const all = Object.entries(v as Record<string, unknown>).filter(([, pair]) => isPair(pair));
      // a long text is recorded as its length and hash (lib/reports/audit-text.ts): say so in words
      const long = all.filter(([, pair]) => (pair as Pair).some(isTextDigest));
      for (const [id, pair] of long) lines.push(describeLongTextChange(cellName(templateId, id), (pair as Pair)[0], (pair as Pair)[1]));
      const entries = all.filter(([, pair]) => !(pair as Pair).some(isTextDigest));
      if (entries.length) {
        lines.push(
          <table className="data audit-changes" key={key}>
            <tbody>
              {entries.map(([id, pair]) => (
                <tr key={id}>
                  <td>{cellName(templateId, id)}</td>
                  <td className="text-change">{show((pair as Pair)[0])}</td>
                  <td>→</td>
                  <td className="text-change">{show((pair as Pair)[1])}</td>
                </tr>
              ))}
            </tbody>
          </table>,
        );
      }
    }
  }
  return (
    <>
      {lines.map((l, i) => (typeof l === "string" ? <div key={i}>{l}</div> : l))}
    </>
  );
}

/** The events are oldest first: the ordinal of the submission at `index`. */
function submitOrdinal(events: AuditEventView[], index: number) {
  return events.slice(0, index + 1).filter((e) => e.action === "report.submit").length;
}

export function AuditTrail({ events, templateId }: { events: AuditEventView[]; templateId: TemplateId }) {
  if (events.length === 0) return <p className="muted">暂无记录。</p>;
  return (
    <DataTable
      label="审计记录"
      rows={events}
      rowKey={(e) => String(e.id)}
      columns={[
        { header: "时间", style: { whiteSpace: "nowrap" }, cell: (e) => formatDateTime(e.at) },
        { header: "操作人", cell: (e) => (e.actor ? `${e.actor.displayName}（${e.actor.username}）` : (e.actorLabel ?? "系统")) },
        {
          header: "操作",
          cell: (e, i) => (
            <>
              {ACTION_LABELS[e.action] ?? e.action}
              {e.action === "report.submit" && `（第 ${submitOrdinal(events, i)} 次提交）`}
            </>
          ),
        },
        { header: "内容", cell: (e) => <Details details={e.details} templateId={templateId} /> },
      ]}
    />
  );
}
