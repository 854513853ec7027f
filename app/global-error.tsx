"use client";

// Last resort when the root layout itself fails: its own <html>, plain text, no stack.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body style={{ fontFamily: "system-ui, sans-serif", margin: "40px auto", maxWidth: 640, padding: "0 16px" }}>
        <main role="alert">
          <h1>系统暂时无法访问</h1>
          <p>处理您的请求时发生错误，已保存的内容不受影响。请稍后重试；如问题持续，请联系系统管理员。</p>
          {error.digest && <p>错误编号：{error.digest}</p>}
          <p>
            <button type="button" onClick={reset}>
              重试
            </button>{" "}
            <a href="/">返回首页</a>
          </p>
        </main>
      </body>
    </html>
  );
}
