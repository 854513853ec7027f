"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { changeOwnPasswordAction } from "@/app/account/password/actions";
import { FormField } from "@/components/forms/FormField";
import { SubmitWithStatus } from "@/components/forms/SubmitWithStatus";
import { useActionForm } from "@/components/forms/use-action-form";
import { passwordChangeSchema, type PasswordChangeInput } from "@/lib/admin/schemas";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";

/** 修改密码. Right after an administrator's reset the current password is not asked for. */
export function PasswordChangeForm({ username, afterReset, home }: { username: string; afterReset: boolean; home: string }) {
  const { register, handleSubmit, reset, formState, message, setMessage, refused } = useActionForm<PasswordChangeInput>({
    resolver: zodResolver(passwordChangeSchema(username)),
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
  });
  const { errors, isSubmitting } = formState;

  const onSubmit = async (values: PasswordChangeInput) => {
    setMessage(null);
    const r = await changeOwnPasswordAction(afterReset ? { ...values, currentPassword: "" } : values);
    if (!r.ok) return refused(r);
    reset();
    // a password change ends every session of the account, this one included (sessionVersion):
    // sign in again with the new password, then on to where the user was going
    setMessage({ ok: true, message: "密码已修改，所有登录均已退出，请用新密码重新登录。" });
    window.location.assign(`/login?passwordChanged=1&callbackUrl=${encodeURIComponent(home)}`);
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label="修改密码">
      {!afterReset && (
        <FormField id="currentPassword" label="当前密码" error={errors.currentPassword?.message}>
          <input id="currentPassword" type="password" autoComplete="current-password" {...register("currentPassword")} />
        </FormField>
      )}
      <FormField
        id="newPassword"
        label="新密码"
        hint={`至少 ${MIN_PASSWORD_LENGTH} 个字符，不能是常见密码或有规律的组合（重复、连续的字符），不能包含用户名。`}
        error={errors.newPassword?.message}
      >
        <input id="newPassword" type="password" autoComplete="new-password" aria-describedby="newPassword-hint" {...register("newPassword")} />
      </FormField>
      <FormField id="confirmPassword" label="确认新密码" error={errors.confirmPassword?.message}>
        <input id="confirmPassword" type="password" autoComplete="new-password" {...register("confirmPassword")} />
      </FormField>
      <SubmitWithStatus label="修改密码" busy={isSubmitting} result={message} />
    </form>
  );
}
