"use client";
import { useActionState } from "react";
import { startReportAction } from "@/app/workspace/actions";
import type { FormState } from "@/lib/actions/result";

/** 开始填报 for one reporting year: creates the report (prefilled from last year) and opens the editor. */
export function StartReportButton({ year }: { year: number }) {
  const [state, action, pending] = useActionState<FormState, FormData>(startReportAction, null);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="year" value={year} />
      <button type="submit" className="btn small" disabled={pending} aria-describedby={state ? `start-${year}-error` : undefined}>
        开始填报
      </button>
      {state && (
        <span id={`start-${year}-error`} role="alert" className="field-error">
          {state.message}
        </span>
      )}
    </form>
  );
}
