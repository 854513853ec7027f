"use client";

import Link from "@/components/layout/IntentLink";
import { useEffect } from "react";

// Any error a page or server action throws ends here: a message in Chinese, never a stack or a
// file path (in production Next replaces the server's error by a digest, shown for support).
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="card" role="alert">
      <h1 className="page-title">页面出错了</h1>
      <p>处理您的请求时发生错误，已保存的内容不受影响。请稍后重试；如问题持续，请联系系统管理员。</p>
      {error.digest && <p className="muted">错误编号：{error.digest}</p>}
      <p>
        <button type="button" className="btn" onClick={reset}>
          重试
        </button>{" "}
        <Link href="/">返回首页</Link>
      </p>
    </div>
  );
}
