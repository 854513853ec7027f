"use client";
import { useActionState } from "react";
import { markAllNotificationsReadAction } from "@/app/notifications/actions";
import { ActionStatus } from "@/components/review/ActionStatus";
import type { FormState } from "@/lib/actions/result";

/** 全部标为已读, with its outcome in a status region (the list is revalidated by the action). */
export function MarkAllReadForm() {
  const [result, formAction, pending] = useActionState<FormState, FormData>(markAllNotificationsReadAction, null);
  return (
    <form action={formAction}>
      <button type="submit" className="btn" disabled={pending}>
        全部标为已读
      </button>
      <ActionStatus result={result} />
    </form>
  );
}
