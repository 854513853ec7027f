"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { changeOwnPasswordAction } from "@/app/account/password/actions";
import { passwordChangeSchema, type PasswordChangeInput } from "@/lib/admin/schemas";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { ResultMessage, type ActionMessage } from "@/components/admin/ResultMessage";

/** 修改密码. Right after an administrator's reset the current password is not asked for. */
export function PasswordChangeForm({ username, afterReset, home }: { username: string; afterReset: boolean; home: string }) {
  const [message, setMessage] = useState<ActionMessage>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<PasswordChangeInput>({
    resolver: zodResolver(passwordChangeSchema(username)),
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
  });

  const onSubmit = async (values: PasswordChangeInput) => {
    setMessage(null);
    const r = await changeOwnPasswordAction(afterReset ? { ...values, currentPassword: "" } : values);
    if (!r.ok) {
      for (const [field, text] of Object.entries(r.fieldErrors ?? {})) setError(field as keyof PasswordChangeInput, { message: text });
      setMessage({ kind: "error", text: r.message });
      return;
    }
    reset();
    // a password change ends every session of the account, this one included (sessionVersion):
    // sign in again with the new password, then on to where the user was going
    setMessage({ kind: "ok", text: "密码已修改，所有登录均已退出，请用新密码重新登录。" });
    window.location.assign(`/login?passwordChanged=1&callbackUrl=${encodeURIComponent(home)}`);
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label="修改密码">
      {!afterReset && (
        <div className="form-field">
          <label htmlFor="currentPassword">当前密码</label>
          <input id="currentPassword" type="password" autoComplete="current-password" {...register("currentPassword")} />
          {errors.currentPassword && <span className="field-error">{errors.currentPassword.message}</span>}
        </div>
      )}
      <div className="form-field">
        <label htmlFor="newPassword">新密码</label>
        <input id="newPassword" type="password" autoComplete="new-password" aria-describedby="newPassword-hint" {...register("newPassword")} />
        <span id="newPassword-hint" className="hint">
          至少 {MIN_PASSWORD_LENGTH} 个字符，不能是常见密码或有规律的组合（重复、连续的字符），不能包含用户名。
        </span>
        {errors.newPassword && <span className="field-error">{errors.newPassword.message}</span>}
      </div>
      <div className="form-field">
        <label htmlFor="confirmPassword">确认新密码</label>
        <input id="confirmPassword" type="password" autoComplete="new-password" {...register("confirmPassword")} />
        {errors.confirmPassword && <span className="field-error">{errors.confirmPassword.message}</span>}
      </div>
      <button type="submit" className="btn" disabled={isSubmitting}>
        修改密码
      </button>
      <ResultMessage message={message} />
    </form>
  );
}
