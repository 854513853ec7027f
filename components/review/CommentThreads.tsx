// A report's review comments as threads: what the comment is about, the comment, the replies,
// its state (未解决 / 已解决 / 已随发布关闭) and, while open, 回复 and (for the reviewer) 标记已解决.
// Shown on the review page and to the clerk on the report's workspace page.
import { anchorName } from "@/lib/reports/cell-name";
import { formatDateTime } from "@/lib/reports/format";
import type { TemplateId } from "@/lib/templates";
import { ReplyForm, ResolveCommentButton } from "./CommentForms";

export interface CommentThreadView {
  id: string;
  anchor: string | null;
  body: string;
  createdAt: Date;
  resolvedAt: Date | null;
  closedOnPublish: boolean;
  author: { displayName: string };
  replies: { id: string; body: string; createdAt: Date; author: { displayName: string } }[];
}

export function commentState(c: Pick<CommentThreadView, "resolvedAt" | "closedOnPublish">) {
  if (!c.resolvedAt) return "未解决";
  return c.closedOnPublish ? `已随发布关闭（${formatDateTime(c.resolvedAt)}）` : `已解决（${formatDateTime(c.resolvedAt)}）`;
}

export function CommentThreads({
  reportId,
  templateId,
  comments,
  canReply,
  canResolve,
}: {
  reportId: string;
  templateId: TemplateId;
  comments: CommentThreadView[];
  canReply: boolean;
  canResolve: boolean;
}) {
  if (comments.length === 0) return <p className="muted">还没有意见。</p>;
  return (
    <ul className="comments comment-threads" aria-label="审核意见列表">
      {comments.map((c) => {
        const about = anchorName(templateId, c.anchor);
        return (
          <li key={c.id} id={`comment-${c.id}`} aria-label={`「${about}」的意见：${c.body}`}>
            <strong>{about}</strong>：{c.body}
            <div className="muted" style={{ fontSize: 13 }}>
              {c.author.displayName} · {formatDateTime(c.createdAt)} · {commentState(c)}
              {!c.resolvedAt && canResolve && (
                <>
                  {" "}
                  · <ResolveCommentButton reportId={reportId} commentId={c.id} />
                </>
              )}
            </div>
            {c.replies.length > 0 && (
              <ol className="comment-replies" aria-label={`「${about}」的意见的回复`}>
                {c.replies.map((r) => (
                  <li key={r.id}>
                    <span className="muted">{r.author.displayName} 回复：</span>
                    {r.body}
                    <span className="muted" style={{ fontSize: 13 }}>
                      {" "}
                      · {formatDateTime(r.createdAt)}
                    </span>
                  </li>
                ))}
              </ol>
            )}
            {!c.resolvedAt && canReply && <ReplyForm reportId={reportId} commentId={c.id} label={`回复「${about}」的意见`} />}
          </li>
        );
      })}
    </ul>
  );
}
