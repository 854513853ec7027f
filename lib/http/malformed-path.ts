/**
 * A request path that no route can take: a percent-escape that is not UTF-8 (`/agencies/%ff`,
 * which made Next's parameter decoding throw a plain 500), or one that decodes to NUL (which
 * PostgreSQL refuses in text). proxy.ts answers these before any route runs: 400 for the API,
 * the site's not-found page for a page.
 */
export function isMalformedPath(pathname: string): boolean {
  if (!pathname.includes("%")) return false;
  try {
    return decodeURIComponent(pathname).includes("\u0000");
  } catch {
    return true;
  }
}

export const MALFORMED_PATH_MESSAGE = "请求地址格式不正确（含有无法识别的字符）。";

// The page is answered by proxy.ts itself: rewritten to any route, Next decodes the original
// path's parameters again and fails with a plain 500 ("failed to decode param"). No script, so
// the strictest policy fits it.
const NOT_FOUND_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>页面不存在 · 政府信息公开工作年度报告</title><style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:3rem auto;max-width:40rem;padding:0 1rem;color:#1f2933}a{color:#0b5cad}</style></head><body><main><h1>页面不存在</h1><p>您访问的地址格式不正确（含有无法识别的字符），页面不存在。</p><p><a href="/">返回公开报告列表</a></p></main></body></html>`;

/** The answer to a malformed path: 400 with a Chinese message for the API, else a 404 page. */
export function malformedPathResponse(pathname: string): Response {
  const common = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "strict-origin-when-cross-origin" };
  if (pathname.startsWith("/api/"))
    return Response.json({ error: MALFORMED_PATH_MESSAGE }, { status: 400, headers: { ...common, "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'" } });
  return new Response(NOT_FOUND_HTML, {
    status: 404,
    headers: {
      ...common,
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    },
  });
}
