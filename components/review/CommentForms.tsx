"use client";
import { useActionState, useId } from "react";
import { addCommentAction, replyToCommentAction, resolveCommentAction } from "@/app/review/reports/[id]/actions";
import { SubmitWithStatus } from "@/components/forms/SubmitWithStatus";
import { ActionStatus } from "./ActionStatus";
import type { FormState } from "@/lib/actions/result";

export interface AnchorOption {
  value: string;
  label: string;
  group: string;
}

export function AddCommentForm({ reportId, anchors }: { reportId: string; anchors: AnchorOption[] }) {
  const [result, formAction, pending] = useActionState<FormState, FormData>(addCommentAction, null);
  const uid = useId();
  const groups = [...new Set(anchors.map((a) => a.group))];
  return (
    <form action={formAction}>
      <input type="hidden" name="reportId" value={reportId} />
      <div className="form-field">
        <label htmlFor={`${uid}-anchor`}>意见针对</label>
        <select id={`${uid}-anchor`} name="anchor" defaultValue="">
          <option value="">整份报告</option>
          {groups.map((g) => (
            <optgroup key={g} label={g}>
              {anchors
                .filter((a) => a.group === g)
                .map((a) => (
                  <option key={a.value} value={a.value}>
                    {a.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label htmlFor={`${uid}-body`}>意见内容</label>
        <textarea id={`${uid}-body`} name="body" required rows={3} maxLength={2000} />
      </div>
      <SubmitWithStatus label="添加意见" className="btn secondary" busy={pending} result={result} />
    </form>
  );
}

export function ResolveCommentButton({ reportId, commentId }: { reportId: string; commentId: string }) {
  const [result, formAction, pending] = useActionState<FormState, FormData>(resolveCommentAction, null);
  return (
    <form action={formAction} style={{ display: "inline" }}>
      <input type="hidden" name="reportId" value={reportId} />
      <input type="hidden" name="commentId" value={commentId} />
      <button className="btn link" type="submit" disabled={pending}>
        标记已解决
      </button>
      {result && !result.ok && <ActionStatus result={result} />}
    </form>
  );
}

/** 回复 under one comment: the clerk answers the reviewer (or the reviewer answers back). */
export function ReplyForm({ reportId, commentId, label }: { reportId: string; commentId: string; label: string }) {
  const [result, formAction, pending] = useActionState<FormState, FormData>(replyToCommentAction, null);
  const uid = useId();
  return (
    // (React resets the form's fields once the action is done)
    <form action={formAction} className="comment-reply-form">
      <input type="hidden" name="reportId" value={reportId} />
      <input type="hidden" name="commentId" value={commentId} />
      <label htmlFor={`${uid}-reply`} className="visually-hidden">
        {label}
      </label>
      <textarea id={`${uid}-reply`} name="body" required rows={2} maxLength={2000} placeholder="回复审核意见" />
      <SubmitWithStatus label="回复" className="btn small secondary" busy={pending} result={result} />
    </form>
  );
}
