"use client";
// The reviewer's transitions for one report. One action state for all of them, so the
// outcome stays in the status region after the buttons change with the new state.
// A transition with a `confirm` (发布; 审核通过 while comments are unresolved) first shows an
// inline confirmation naming what will happen, and only its confirm button submits.
import { useActionState, useEffect, useId, useRef, useState } from "react";
import { transitionAction } from "@/app/review/reports/[id]/actions";
import { ActionStatus } from "./ActionStatus";
import type { FormState } from "@/lib/actions/result";

export interface OfferedTransition {
  action: "return" | "approve" | "publish" | "reopen";
  label: string;
  reasonLabel?: string;
  confirm?: TransitionConfirmation;
}

export interface TransitionConfirmation {
  /** the confirm button's accessible name, e.g. 确认发布 */
  confirmLabel: string;
  /** what the reviewer must know before confirming */
  message: string;
  /** listed under the message, e.g. the unresolved comments */
  items?: string[];
}

export function ReviewActions({ reportId, version, transitions }: { reportId: string; version: number; transitions: OfferedTransition[] }) {
  const [result, formAction, pending] = useActionState<FormState, FormData>(transitionAction, null);
  const uid = useId();
  const [confirming, setConfirming] = useState<OfferedTransition["action"] | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  // after 取消, focus goes back to the button that opened the confirmation
  const cancelled = useRef<string | null>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (cancelled.current) {
      document.getElementById(`${uid}-${cancelled.current}-open`)?.focus();
      cancelled.current = null;
    }
  }, [confirming, uid]);

  return (
    <div>
      <ActionStatus result={result} label="审核操作结果" />
      {transitions.length === 0 && <p className="muted">当前状态下没有可执行的审核操作。</p>}
      <div className="review-actions">
        {transitions.map((t) => {
          const buttonClass = `btn${t.action === "return" || t.action === "reopen" ? " secondary" : ""}`;
          const asking = t.confirm && confirming === t.action;
          return (
            <form key={t.action} action={formAction} className="review-action" onSubmit={() => setConfirming(null)}>
              <input type="hidden" name="reportId" value={reportId} />
              <input type="hidden" name="expectedVersion" value={version} />
              <input type="hidden" name="action" value={t.action} />
              {t.reasonLabel && (
                <div className="form-field">
                  <label htmlFor={`${uid}-${t.action}`}>{t.reasonLabel}</label>
                  <textarea id={`${uid}-${t.action}`} name="reason" required rows={3} maxLength={2000} />
                </div>
              )}
              {!t.confirm ? (
                <button className={buttonClass} type="submit" disabled={pending}>
                  {t.label}
                </button>
              ) : asking ? (
                <div className="confirm-step" role="group" aria-labelledby={`${uid}-${t.action}-confirm`}>
                  <p id={`${uid}-${t.action}-confirm`}>{t.confirm.message}</p>
                  {t.confirm.items && t.confirm.items.length > 0 && (
                    <ul>
                      {t.confirm.items.map((item, i) => (
                        <li key={i}>{item}</li>
                      ))}
                    </ul>
                  )}
                  <div className="row-actions">
                    <button ref={confirmRef} className={buttonClass} type="submit" disabled={pending}>
                      {t.confirm.confirmLabel}
                    </button>
                    <button
                      className="btn secondary"
                      type="button"
                      onClick={() => {
                        cancelled.current = t.action;
                        setConfirming(null);
                      }}
                    >
                      取消
                    </button>
                  </div>
                </div>
              ) : (
                <button id={`${uid}-${t.action}-open`} className={buttonClass} type="button" disabled={pending} onClick={() => setConfirming(t.action)}>
                  {t.label}
                </button>
              )}
            </form>
          );
        })}
      </div>
    </div>
  );
}
