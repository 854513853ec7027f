"use client";
// 催报 on the dashboard: one form for the whole table; each unsubmitted row's button joins it
// through its form attribute and names its agency (no per-row form or query).
import { useActionState } from "react";
import { urgeAgencyAction } from "@/app/review/urge-actions";
import { ActionStatus } from "./ActionStatus";
import type { FormState } from "@/lib/actions/result";

export const URGE_FORM_ID = "urge-agency";

export function UrgeForm({ year }: { year: number }) {
  const [result, formAction] = useActionState<FormState, FormData>(urgeAgencyAction, null);
  return (
    <form id={URGE_FORM_ID} action={formAction} className="no-print">
      <input type="hidden" name="year" value={year} />
      <ActionStatus result={result} label="催报结果" />
    </form>
  );
}
