"use client";
// Comments made where they point: a click (or Enter) on a figure or a part's 提意见 button in
// the report opens one small form right below it; a click in a narrative's text (with no text
// selected) does the same for that part. One listener for the whole document: its ~200 figure
// buttons are rendered on the server (components/review/CommentsInPlace.tsx) and carry their
// anchor (the cell id, `narrative.KEY` or `contact`) and name in data attributes.
import { useActionState, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { addCommentAction } from "@/app/review/reports/[id]/actions";
import { ActionStatus } from "./ActionStatus";
import type { FormState } from "@/lib/actions/result";

interface Target {
  anchor: string;
  about: string;
  top: number;
  left: number;
}

const PANEL_WIDTH = 360;

export function CommentOnReport({ reportId, children }: { reportId: string; children: React.ReactNode }) {
  const [result, formAction, pending] = useActionState<FormState, FormData>(addCommentAction, null);
  const [target, setTarget] = useState<Target | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const uid = useId();
  // the place to give the focus back to when the form closes
  const returnTo = useRef<string | null>(null);
  const seen = useRef<FormState>(null);
  // a refusal, shown in the form until it closes
  const [refusal, setRefusal] = useState<FormState>(null);

  const opener = (anchor: string) => wrapper.current?.querySelector<HTMLButtonElement>(`button[data-comment-anchor="${CSS.escape(anchor)}"]`) ?? null;

  function open(button: HTMLElement) {
    const frame = wrapper.current!.getBoundingClientRect();
    const at = button.getBoundingClientRect();
    const left = Math.max(0, Math.min(at.left - frame.left, frame.width - PANEL_WIDTH));
    setRefusal(null);
    setTarget({ anchor: button.dataset.commentAnchor!, about: button.dataset.commentAbout!, top: at.bottom - frame.top + 4, left });
  }

  function close() {
    if (target) returnTo.current = target.anchor;
    setTarget(null);
  }

  useLayoutEffect(() => {
    if (target) textarea.current?.focus();
    else if (returnTo.current) {
      opener(returnTo.current)?.focus();
      returnTo.current = null;
    }
  }, [target]);

  // a comment added: the form closes (the page shows the comment in place once refreshed)
  useEffect(() => {
    if (result && result !== seen.current) {
      seen.current = result;
      if (result.ok) close();
      else setRefusal(result);
    }
  }, [result]);

  function onClick(e: React.MouseEvent<HTMLDivElement>) {
    const el = e.target as Element;
    if (el.closest(".comment-panel")) return;
    const button = el.closest<HTMLElement>("button[data-comment-anchor]");
    if (button) {
      open(button);
      return;
    }
    // a click in a narrative's text comments on that part, unless it follows a link or selects text
    const area = el.closest<HTMLElement>("[data-comment-area]");
    if (area && !el.closest("a") && (window.getSelection()?.isCollapsed ?? true)) {
      const partButton = opener(area.dataset.commentArea!);
      if (partButton) open(partButton);
    }
  }

  return (
    <div ref={wrapper} className="comment-on-report" onClick={onClick}>
      <ActionStatus result={result?.ok ? result : null} label="添加意见结果" />
      {children}
      {target && (
        <form
          key={target.anchor}
          action={formAction}
          className="comment-panel no-print"
          aria-label={`对「${target.about}」的意见`}
          style={{ top: target.top, left: target.left, width: PANEL_WIDTH }}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.preventDefault();
              close();
            }
          }}
        >
          <input type="hidden" name="reportId" value={reportId} />
          <input type="hidden" name="anchor" value={target.anchor} />
          <p className="comment-panel-title">对「{target.about}」提出意见</p>
          <label htmlFor={`${uid}-body`} className="visually-hidden">
            意见内容
          </label>
          <textarea ref={textarea} id={`${uid}-body`} name="body" required rows={3} maxLength={2000} />
          <div className="row-actions">
            <button className="btn small" type="submit" disabled={pending}>
              添加意见
            </button>
            <button className="btn small secondary" type="button" onClick={close}>
              取消
            </button>
          </div>
          <ActionStatus result={refusal} />
        </form>
      )}
    </div>
  );
}
