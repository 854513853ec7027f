/** File names, media types and the text bits every document format shares. */
import { CONTACT_FIELDS, reportTitle, TEMPLATES, type ReportTemplate } from "@/lib/templates";

export const DOCUMENT_FORMATS = ["docx", "xlsx", "csv", "pdf"] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const CONTENT_TYPES: Record<DocumentFormat | "json", string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  pdf: "application/pdf",
  json: "application/json; charset=utf-8",
};

/** "贺兰县习岗镇2020年政府信息公开工作年度报告.docx" */
export function downloadFileName(agencyName: string, year: number, format: DocumentFormat | "json"): string {
  return `${reportTitle(agencyName, year)}.${format}`;
}

/** ASCII fallback for clients without RFC 5987: "640122100000-2020.docx" */
export function asciiFileName(agencyCode: string, year: number, format: DocumentFormat | "json"): string {
  return `${agencyCode.replace(/[^0-9A-Za-z-]/g, "_")}-${year}.${format}`;
}

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266 / 5987). */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

/** 成文日期 as printed: "2021年1月20日". */
export function formatChineseDate(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return null;
  return `${y}年${m}月${d}日`;
}

/** The contact as the official preamble prints it: "地址：…，电话：…，电子邮箱：…". */
export function contactLine(contact: { address?: string | null; phone?: string | null; email?: string | null } | null | undefined): string {
  // a report published elsewhere may carry no contact at all
  if (!contact) return "";
  return CONTACT_FIELDS.filter((f) => contact[f.key])
    .map((f) => `${f.label}：${contact[f.key]}`)
    .join("，");
}

/**
 * The official preamble (the page, the preview and every download print these words): the
 * legal basis as the template cites it, the period and whom to ask, with the contact.
 * `template` is the report's template, or (as callers once passed) its 发文字号.
 */
export function preambleText(
  agencyName: string,
  year: number,
  template: ReportTemplate | string,
  contact: Parameters<typeof contactLine>[0],
): string {
  const line = contactLine(contact);
  const t = typeof template === "string" ? Object.values(TEMPLATES).find((x) => x.documentName === template) : template;
  if (!t) throw new Error(`unknown template document name: ${template}`);
  return (
    `本年度报告根据${t.citation}编制。` +
    `本报告中所列数据的统计期限自 ${year} 年 1 月 1 日起，至 ${year} 年 12 月 31 日止。` +
    `如对本报告有疑问，请与${agencyName}联系${line ? `（${line}）` : ""}。`
  );
}

/** Names of the properties the writers store in a file so that a reader finds the agency again. */
export const PROPERTY_AGENCY_CODE = "agencyCode";
export const PROPERTY_REGION_CODE = "regionCode";
export const PROPERTY_REGION_NAME = "regionName";
