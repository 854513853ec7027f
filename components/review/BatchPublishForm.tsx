"use client";
// The dashboard's batch publish: the checkboxes sit in the table rows and join this form
// through their form attribute; each selected report is published as its own transition.
import { useActionState } from "react";
import { batchPublishAction } from "@/app/review/actions";
import { ActionStatus } from "./ActionStatus";
import type { FormState } from "@/lib/actions/result";

export const BATCH_PUBLISH_FORM_ID = "batch-publish";

export function BatchPublishForm({ approvedCount }: { approvedCount: number }) {
  const [result, formAction, pending] = useActionState<FormState, FormData>(batchPublishAction, null);
  return (
    <form id={BATCH_PUBLISH_FORM_ID} action={formAction} className="no-print" style={{ marginBottom: 12 }}>
      <ActionStatus result={result} label="批量发布结果" />
      <button className="btn" type="submit" disabled={pending || approvedCount === 0}>
        发布所选报告
      </button>{" "}
      <span className="muted">勾选“已审核”的报告后一次发布；每份报告单独发布，结果逐份列出。</span>
    </form>
  );
}
