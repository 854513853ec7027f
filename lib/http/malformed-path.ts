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
