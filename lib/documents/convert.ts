/**
 * Turns a report document — Word (.docx), Excel (.xlsx) or a saved web page (.html) — into
 * an exchange document and the list of what could not be read. The file's kind is
 * recognised from its content (a zip with word/ or xl/ parts, or HTML text), not from its
 * name alone.
 */
import iconv from "iconv-lite";
import { ConvertLimitError, SafeZip } from "./limits";
import { readDocxSource } from "./read/docx-reader";
import { UnreadableFileError } from "./read/errors";
import { readHtmlSource } from "./read/html-reader";
import { readReport, type ConvertOptions, type ConvertResult } from "./read/report-reader";
import type { SourceDocument } from "./read/source";
import { readXlsxSource } from "./read/xlsx-reader";

export { ConvertLimitError, UnreadableFileError };
export type { ConvertOptions, ConvertProblem, ConvertResult, ConvertedDocument } from "./read/report-reader";

export type ConvertibleKind = "docx" | "xlsx" | "html";

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5 || b[2] === 7);

/** Decodes a web page: its BOM, else its declared charset (GBK pages exist), else UTF-8. */
export function decodeHtml(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString("utf8");
  if (buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(buf.subarray(2), "utf16le");
  const head = buf.subarray(0, 2048).toString("latin1");
  const declared = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (declared && declared !== "utf-8" && declared !== "utf8" && iconv.encodingExists(declared)) return iconv.decode(buf, declared);
  return buf.toString("utf8");
}

/** The file's kind, from its bytes; null when it is none of the three. */
export async function detectKind(bytes: Uint8Array): Promise<ConvertibleKind | null> {
  if (isZip(bytes)) {
    // the central directory only: nothing is inflated to tell the kind
    const zip = SafeZip.open(bytes);
    if (zip.has("word/document.xml")) return "docx";
    if (zip.has("xl/workbook.xml")) return "xlsx";
    return null;
  }
  const text = decodeHtml(bytes.subarray(0, 4096)).trimStart().toLowerCase();
  if (text.startsWith("<") && /<(html|body|table|p|h1|div|!doctype)[\s>]/.test(text)) return "html";
  return null;
}

export const UNSUPPORTED_FILE = "不支持的文件类型：请选择 Word（.docx）、Excel（.xlsx）或网页（.html）格式的年度报告。旧版 .doc / .xls 请先另存为 .docx / .xlsx。";

/**
 * Reads a report out of a file's bytes, in this thread, within the limits of ./limits.ts.
 * Throws UnreadableFileError (Chinese message; ConvertLimitError for a limit) for a file that is
 * not a readable report. Servers and the CLI call it through ./convert-pool.ts
 * (convertInWorker), which adds the heap limit, the time budget and the concurrency limits.
 */
export async function convertDocument(bytes: Uint8Array, options: ConvertOptions = {}): Promise<ConvertResult & { kind: ConvertibleKind }> {
  const kind = await detectKind(bytes);
  if (!kind) throw new UnreadableFileError(UNSUPPORTED_FILE);
  let source: SourceDocument;
  try {
    if (kind === "docx") source = await readDocxSource(bytes);
    else if (kind === "xlsx") source = await readXlsxSource(bytes);
    else source = readHtmlSource(decodeHtml(bytes));
  } catch (e) {
    // nesting thousands deep (tables in cells, elements in elements) overflows the reader's recursion
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw new UnreadableFileError("文件结构嵌套过深，无法读取");
    throw e;
  }
  const result = readReport(source, options);
  if (!result.recognized)
    throw new UnreadableFileError("文件中没有找到年度报告的标题、各部分标题或统计表格，可能不是政府信息公开工作年度报告");
  return { ...result, kind };
}
