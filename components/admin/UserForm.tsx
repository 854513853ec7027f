"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createUserAction, updateUserAction } from "@/app/admin/users/actions";
import { FormField } from "@/components/forms/FormField";
import { SubmitWithStatus } from "@/components/forms/SubmitWithStatus";
import { useActionForm } from "@/components/forms/use-action-form";
import { userCreateSchema, userUpdateSchema, type UserCreateInput, type UserUpdateInput } from "@/lib/admin/schemas";
import { OneTimePasswords } from "./OneTimePasswords";
import { ScopePicker } from "./ScopePicker";

type Values = UserCreateInput & { id?: string };

const SCOPE_HINT = {
  CLERK: "所属单位：输入单位名称或代码（如“金贵”或 640122101000），用 ↑ ↓ 选择，回车确定",
  REVIEWER: "负责的地区（含其下全部地区）：输入地区名称或 6 位代码，用 ↑ ↓ 选择，回车确定",
  ADMIN: "管理员不设范围",
} as const;

type Created = { username: string; displayName: string; oneTimePassword: string; downloadId: string | null };

/** New user (with a one-time password shown once) or edit of name, e-mail, role and scope. */
export function UserForm({
  user,
}: {
  user?: { id: string; username: string; displayName: string; email: string; role: Values["role"]; scopeCode: string; scopeLabel?: string };
}) {
  const router = useRouter();
  const editing = Boolean(user);
  const [created, setCreated] = useState<Created | null>(null);
  // a new picker after a reset (it keeps what was typed in it)
  const [pickerKey, setPickerKey] = useState(0);
  const { register, handleSubmit, watch, reset, setValue, formState, message, setMessage, refused, onInvalid } = useActionForm<Values>({
    resolver: zodResolver((editing ? userUpdateSchema : userCreateSchema) as typeof userCreateSchema),
    defaultValues: user
      ? { id: user.id, username: user.username, displayName: user.displayName, email: user.email, role: user.role, scopeCode: user.scopeCode }
      : { username: "", displayName: "", email: "", role: "CLERK", scopeCode: "" },
  });
  const { errors, isSubmitting } = formState;
  const role = watch("role") ?? "CLERK";
  const scopeCode = watch("scopeCode");
  const roleField = register("role", {
    // another role needs another kind of scope (or none)
    onChange: () => setValue("scopeCode", ""),
  });

  const onSubmit = async (values: Values) => {
    setMessage(null);
    const r = editing ? await updateUserAction({ ...(values as UserUpdateInput), id: user!.id }) : await createUserAction(values);
    if (!r.ok) return refused(r);
    if ("oneTimePassword" in r.data) {
      const { oneTimePassword, downloadId } = r.data as { oneTimePassword: string; downloadId?: string | null };
      setCreated({ username: values.username, displayName: values.displayName, oneTimePassword: String(oneTimePassword), downloadId: downloadId ?? null });
      reset();
      setPickerKey((k) => k + 1);
    }
    setMessage({ ok: true, message: editing ? "已保存。" : `已新建用户 ${values.username}。` });
    router.refresh();
  };

  return (
    <form onSubmit={handleSubmit(onSubmit, onInvalid)} noValidate aria-label={editing ? "编辑用户" : "新建用户"}>
      <div className="form-grid">
        <FormField id="user-username" label="用户名" error={errors.username?.message}>
          <input id="user-username" autoComplete="off" readOnly={editing} aria-invalid={errors.username ? true : undefined} {...register("username")} />
        </FormField>
        <FormField id="user-displayName" label="姓名" error={errors.displayName?.message}>
          <input id="user-displayName" aria-invalid={errors.displayName ? true : undefined} {...register("displayName")} />
        </FormField>
        <FormField id="user-email" label="电子邮箱" hint="可不填；通知邮件发往此地址，是否接收由本人在“账号设置”中决定" error={errors.email?.message}>
          <input
            id="user-email"
            type="email"
            autoComplete="off"
            inputMode="email"
            aria-describedby="user-email-hint"
            aria-invalid={errors.email ? true : undefined}
            {...register("email")}
          />
        </FormField>
        <FormField id="user-role" label="角色" error={errors.role?.message}>
          <select id="user-role" {...roleField}>
            <option value="CLERK">填报人</option>
            <option value="REVIEWER">审核人</option>
            <option value="ADMIN">管理员</option>
          </select>
        </FormField>
        <div className="form-field">
          <label htmlFor="user-scopeCode">范围</label>
          {role === "ADMIN" ? (
            <input id="user-scopeCode" readOnly value="" aria-describedby="user-scope-hint" />
          ) : (
            <ScopePicker
              key={`${pickerKey}-${role}`}
              id="user-scopeCode"
              role={role}
              value={scopeCode}
              initialLabel={user && user.role === role && scopeCode === user.scopeCode ? user.scopeLabel : undefined}
              onChange={(code) => setValue("scopeCode", code, { shouldValidate: Boolean(errors.scopeCode) })}
              describedBy="user-scope-hint"
              invalid={Boolean(errors.scopeCode)}
            />
          )}
          <span id="user-scope-hint" className="hint">
            {SCOPE_HINT[role]}
          </span>
          {errors.scopeCode && <span className="field-error">{errors.scopeCode.message}</span>}
        </div>
      </div>
      <SubmitWithStatus label={editing ? "保存" : "新建用户"} busy={isSubmitting} result={message} />
      {created && <OneTimePasswords accounts={[created]} downloadId={created.downloadId} />}
    </form>
  );
}
