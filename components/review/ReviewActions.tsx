"use client";
// The reviewer's transitions for one report. One action state for all of them, so the
// outcome stays in the status region after the buttons change with the new state.
import { useActionState, useId } from "react";
import { transitionAction } from "@/app/review/reports/[id]/actions";
import { ActionStatus } from "./ActionStatus";
import type { ActionResult } from "./action-result";

export interface OfferedTransition {
  action: "return" | "approve" | "publish" | "reopen";
  label: string;
  reasonLabel?: string;
}

export function ReviewActions({ reportId, version, transitions }: { reportId: string; version: number; transitions: OfferedTransition[] }) {
  const [result, formAction, pending] = useActionState<ActionResult, FormData>(transitionAction, null);
  const uid = useId();
  return (
    <div>
      <ActionStatus result={result} label="审核操作结果" />
      {transitions.length === 0 && <p className="muted">当前状态下没有可执行的审核操作。</p>}
      <div className="review-actions">
        {transitions.map((t) => (
          <form key={t.action} action={formAction} className="review-action">
            <input type="hidden" name="reportId" value={reportId} />
            <input type="hidden" name="expectedVersion" value={version} />
            <input type="hidden" name="action" value={t.action} />
            {t.reasonLabel && (
              <div className="form-field">
                <label htmlFor={`${uid}-${t.action}`}>{t.reasonLabel}</label>
                <textarea id={`${uid}-${t.action}`} name="reason" required rows={3} maxLength={2000} />
              </div>
            )}
            <button className={`btn${t.action === "return" || t.action === "reopen" ? " secondary" : ""}`} type="submit" disabled={pending}>
              {t.label}
            </button>
          </form>
        ))}
      </div>
    </div>
  );
}
