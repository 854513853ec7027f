// URLs of the public site, built in one place.
export const reportPath = (code: string, year: number) => `/reports/${encodeURIComponent(code)}/${year}`;
export const reportVersionPath = (code: string, year: number, versionNo: number) => `${reportPath(code, year)}/versions/${versionNo}`;

export const DOWNLOAD_FORMATS = [
  { key: "docx", label: "Word（.docx）", description: "正式版式，含合并表头" },
  { key: "xlsx", label: "Excel（.xlsx）", description: "三张统计表" },
  { key: "csv", label: "CSV", description: "UTF-8，Excel 可直接打开" },
  { key: "json", label: "JSON", description: "数据交换格式" },
  // the accessible name docs/product.md promises (the visible "PDF" stays inside it)
  { key: "pdf", label: "PDF", name: "下载 PDF", description: "正式版式，A4，文字可选取、可检索" },
] as const;

/** The download routes (built by the downloads feature); an earlier version adds `?version=N`. */
export function downloadPath(code: string, year: number, format: (typeof DOWNLOAD_FORMATS)[number]["key"], versionNo?: number) {
  const base = `/api/reports/${encodeURIComponent(code)}/${year}`;
  const path = format === "json" ? base : `${base}/${format}`;
  return versionNo ? `${path}?version=${versionNo}` : path;
}

/** 成文日期 as printed on the report: 2021年1月20日. */
export function formatIssuedOn(iso: string | null | undefined): string {
  if (!iso) return "未注明";
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}
