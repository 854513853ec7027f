import Link from "@/components/layout/IntentLink";

/** Previous/next links that keep the current search. */
export function Pager({ path, page, pages, total, params }: { path: string; page: number; pages: number; total: number; params: Record<string, string | undefined> }) {
  const href = (p: number) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
    if (p > 1) search.set("page", String(p));
    const s = search.toString();
    return s ? `${path}?${s}` : path;
  };
  return (
    <nav className="pager" aria-label="分页">
      <span className="muted">
        共 {total} 条 · 第 {page} / {pages} 页
      </span>
      {page > 1 && <Link href={href(page - 1)}>上一页</Link>}
      {page < pages && <Link href={href(page + 1)}>下一页</Link>}
    </nav>
  );
}
