"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { createUserAction, updateUserAction } from "@/app/admin/users/actions";
import { userCreateSchema, userUpdateSchema, type UserCreateInput, type UserUpdateInput } from "@/lib/admin/schemas";
import { OneTimePasswords } from "./OneTimePasswords";
import { ResultMessage, type ActionMessage } from "./ResultMessage";

type Values = UserCreateInput & { id?: string };

const SCOPE_HINT = { CLERK: "所属单位代码，如 640122100000", REVIEWER: "负责地区的 6 位代码（含其下全部地区）", ADMIN: "管理员不设范围" } as const;

/** New user (with a one-time password shown once) or edit of name, role and scope. */
export function UserForm({ user }: { user?: { id: string; username: string; displayName: string; role: Values["role"]; scopeCode: string } }) {
  const router = useRouter();
  const editing = Boolean(user);
  const [message, setMessage] = useState<ActionMessage>(null);
  const [created, setCreated] = useState<{ username: string; displayName: string; oneTimePassword: string } | null>(null);
  const {
    register,
    handleSubmit,
    watch,
    reset,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    resolver: zodResolver((editing ? userUpdateSchema : userCreateSchema) as typeof userCreateSchema),
    defaultValues: user ?? { username: "", displayName: "", role: "CLERK", scopeCode: "" },
  });
  const role = watch("role");
  useEffect(() => {
    if (role === "ADMIN") setValue("scopeCode", "");
  }, [role, setValue]);

  const onSubmit = async (values: Values) => {
    setMessage(null);
    const r = editing ? await updateUserAction({ ...(values as UserUpdateInput), id: user!.id }) : await createUserAction(values);
    if (!r.ok) {
      for (const [field, text] of Object.entries(r.fieldErrors ?? {})) setError(field as keyof Values, { message: text });
      setMessage({ kind: "error", text: r.message });
      return;
    }
    if ("oneTimePassword" in r.data) {
      setCreated({ username: values.username, displayName: values.displayName, oneTimePassword: String(r.data.oneTimePassword) });
      reset();
    }
    setMessage({ kind: "ok", text: editing ? "已保存。" : `已新建用户 ${values.username}。` });
    router.refresh();
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label={editing ? "编辑用户" : "新建用户"}>
      <div className="form-grid">
        <div className="form-field">
          <label htmlFor="user-username">用户名</label>
          <input id="user-username" autoComplete="off" readOnly={editing} {...register("username")} />
          {errors.username && <span className="field-error">{errors.username.message}</span>}
        </div>
        <div className="form-field">
          <label htmlFor="user-displayName">姓名</label>
          <input id="user-displayName" {...register("displayName")} />
          {errors.displayName && <span className="field-error">{errors.displayName.message}</span>}
        </div>
        <div className="form-field">
          <label htmlFor="user-role">角色</label>
          <select id="user-role" {...register("role")}>
            <option value="CLERK">填报人</option>
            <option value="REVIEWER">审核人</option>
            <option value="ADMIN">管理员</option>
          </select>
          {errors.role && <span className="field-error">{errors.role.message}</span>}
        </div>
        <div className="form-field">
          <label htmlFor="user-scopeCode">范围</label>
          <input id="user-scopeCode" readOnly={role === "ADMIN"} aria-describedby="user-scope-hint" {...register("scopeCode")} />
          <span id="user-scope-hint" className="hint">
            {SCOPE_HINT[role ?? "CLERK"]}
          </span>
          {errors.scopeCode && <span className="field-error">{errors.scopeCode.message}</span>}
        </div>
      </div>
      <button type="submit" className="btn" disabled={isSubmitting}>
        {editing ? "保存" : "新建用户"}
      </button>
      <ResultMessage message={message} />
      {created && <OneTimePasswords accounts={[created]} />}
    </form>
  );
}
