"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "@/lib/zod";
import { safeCallbackPath } from "@/lib/auth/roles";

const loginSchema = z.object({
  username: z.string().trim().min(1, "请输入用户名"),
  password: z.string().min(1, "请输入密码"),
});
type LoginValues = z.infer<typeof loginSchema>;

export function LoginForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(
    params.get("error") ? "登录已失效，请重新登录。" : null,
  );
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<LoginValues>({ resolver: zodResolver(loginSchema) });

  const onSubmit = async (values: LoginValues) => {
    setError(null);
    const res = await signIn("credentials", { ...values, redirect: false });
    if (!res || res.error) {
      // our own messages (wrong password, locked, deactivated) come back as the error text
      setError(res?.error && res.error !== "CredentialsSignin" ? res.error : "登录失败，请稍后重试。");
      return;
    }
    router.replace(safeCallbackPath(params.get("callbackUrl"), window.location.origin) ?? "/me");
    router.refresh();
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label="登录">
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
      <div className="form-field">
        <label htmlFor="username">用户名</label>
        <input id="username" autoComplete="username" autoFocus {...register("username")} />
        {errors.username && <span className="field-error">{errors.username.message}</span>}
      </div>
      <div className="form-field">
        <label htmlFor="password">密码</label>
        <input id="password" type="password" autoComplete="current-password" {...register("password")} />
        {errors.password && <span className="field-error">{errors.password.message}</span>}
      </div>
      <button type="submit" className="btn" disabled={isSubmitting}>
        {isSubmitting ? "正在登录…" : "登录"}
      </button>
    </form>
  );
}
