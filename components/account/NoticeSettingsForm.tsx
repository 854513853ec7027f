"use client";
import { useActionState } from "react";
import { updateNoticeSettingsAction } from "@/app/account/actions";
import type { FormState } from "@/lib/actions/result";

export function NoticeSettingsForm({ email, emailNotices }: { email: string; emailNotices: boolean }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(updateNoticeSettingsAction, null);
  return (
    <form action={formAction} aria-label="通知设置">
      <div role="status" aria-label="保存结果">
        {state && <p className={state.ok ? "alert success" : "alert error"}>{state.message}</p>}
      </div>
      <p>
        <label htmlFor="email">电子邮箱</label>
        <br />
        <input id="email" name="email" type="email" defaultValue={email} maxLength={200} autoComplete="email" />
      </p>
      <p>
        <label>
          <input type="checkbox" name="emailNotices" defaultChecked={emailNotices} /> 同时通过电子邮件接收通知
        </label>
      </p>
      <button type="submit" className="btn" disabled={pending}>
        保存通知设置
      </button>
    </form>
  );
}
