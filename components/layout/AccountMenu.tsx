"use client";

import Link from "next/link";
import { SessionProvider, signOut, useSession } from "next-auth/react";
import { ROLE_HOME, ROLE_LABELS } from "@/lib/auth/roles";

function AccountCorner() {
  const { data, status } = useSession();
  if (status === "loading") return <div className="account" aria-busy="true" />;
  const user = data?.user;
  if (!user) {
    return (
      <div className="account">
        <Link href="/login">登录</Link>
      </div>
    );
  }
  return (
    <div className="account">
      <Link href={ROLE_HOME[user.role]}>我的工作台</Link>
      <span data-testid="current-user">
        {user.name}（{ROLE_LABELS[user.role]}）
      </span>
      <Link href="/account/password">修改密码</Link>
      <button type="button" className="btn link" onClick={() => signOut({ callbackUrl: "/" })}>
        退出登录
      </button>
    </div>
  );
}

export function AccountMenu() {
  return (
    <SessionProvider refetchOnWindowFocus={false}>
      <AccountCorner />
    </SessionProvider>
  );
}
