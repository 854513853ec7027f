"use client";
// The dashboard's batch publish: the checkboxes sit in the table rows and join this form
// through their form attribute; each selected report is published as its own transition.
// As on the review page, 发布所选报告 first asks 确认发布, saying how many reports (and which)
// become public; only that button submits.
import { useActionState, useEffect, useRef, useState } from "react";
import { batchPublishAction } from "@/app/review/actions";
import { ActionStatus } from "./ActionStatus";
import type { FormState } from "@/lib/actions/result";

export const BATCH_PUBLISH_FORM_ID = "batch-publish";

export function BatchPublishForm({ approvedCount, year }: { approvedCount: number; year: number }) {
  const [result, formAction, pending] = useActionState<FormState, FormData>(batchPublishAction, null);
  // the names of the reports selected when 发布所选报告 was pressed; null: not asking
  const [asking, setAsking] = useState<string[] | null>(null);
  const [nothingChosen, setNothingChosen] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const cancelled = useRef(false);

  useEffect(() => {
    if (asking) confirmButton.current?.focus();
    else if (cancelled.current) {
      openButton.current?.focus();
      cancelled.current = false;
    }
  }, [asking]);

  function selected(): string[] {
    const boxes = [...(form.current?.elements ?? [])].filter((el): el is HTMLInputElement => el instanceof HTMLInputElement && el.name === "publish" && el.checked);
    return boxes.map((b) => `${b.dataset.agencyName ?? "报告"} ${year} 年度报告`);
  }

  return (
    <form id={BATCH_PUBLISH_FORM_ID} ref={form} action={formAction} className="no-print" style={{ marginBottom: 12 }} onSubmit={() => setAsking(null)}>
      <ActionStatus result={nothingChosen ? { ok: false, message: "请先勾选要发布的报告。" } : result} label="批量发布结果" />
      {asking ? (
        <div className="confirm-step" role="group" aria-labelledby="batch-publish-confirm">
          <p id="batch-publish-confirm">
            发布后，所选的 {asking.length} 份报告将立即向公众公开：全部表格、正文和联系方式，并出现在搜索、下载和统计中。
          </p>
          <ul>
            {asking.map((name, i) => (
              <li key={i}>{name}</li>
            ))}
          </ul>
          <div className="row-actions">
            <button ref={confirmButton} className="btn" type="submit" disabled={pending}>
              确认发布
            </button>
            <button
              className="btn secondary"
              type="button"
              onClick={() => {
                cancelled.current = true;
                setAsking(null);
              }}
            >
              取消
            </button>
          </div>
        </div>
      ) : (
        <>
          {/* without JavaScript this button submits at once (the server still publishes each report on its own) */}
          <button
            ref={openButton}
            className="btn"
            type="submit"
            disabled={pending || approvedCount === 0}
            onClick={(e) => {
              e.preventDefault();
              const names = selected();
              setNothingChosen(names.length === 0);
              if (names.length > 0) setAsking(names);
            }}
          >
            发布所选报告
          </button>{" "}
          <span className="muted">勾选“已审核”的报告后一次发布；每份报告单独发布，结果逐份列出。</span>
        </>
      )}
    </form>
  );
}
