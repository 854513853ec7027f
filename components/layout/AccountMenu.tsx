"use client";

import Link from "@/components/layout/IntentLink";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { SessionProvider, signOut, useSession } from "next-auth/react";
import { ROLE_HOME, ROLE_LABELS } from "@/lib/auth/roles";

/** `通知 N`: the unread count, asked of the server on every page change while signed in. */
function NoticeLink() {
  const pathname = usePathname();
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    fetch("/api/notifications/unread", { cache: "no-store" })
      .then((r) => (r.ok ? r.json() : null))
      .then((body: { count?: number } | null) => live && setCount(typeof body?.count === "number" ? body.count : null))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [pathname]);
  return (
    <Link href="/notifications" prefetch={false} aria-label={count ? `通知 ${count} 条未读` : "通知"}>
      通知{count ? <span className="badge"> {count}</span> : null}
    </Link>
  );
}

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
      <NoticeLink />
      <span data-testid="current-user">
        {user.name}（{ROLE_LABELS[user.role]}）
      </span>
      <Link href="/account">账号设置</Link>
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
