import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";

// two files of this size fit in the 1 MB a server action accepts by default
export const MAX_CSV_BYTES = 400 * 1024;

/**
 * Text of an uploaded CSV: UTF-8 with or without a byte-order mark, else GBK (what Excel
 * in Chinese Windows writes for “CSV (逗号分隔)”). Valid UTF-8 is taken as UTF-8: GBK text
 * of Chinese characters is practically never valid UTF-8.
 */
export function decodeCsv(bytes: Uint8Array): { ok: true; text: string; encoding: "UTF-8" | "GBK" } | { ok: false; message: string } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))
    return { ok: false, message: "文件是 UTF-16（Unicode 文本）编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”。" };
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    try {
      return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(b.subarray(3)), encoding: "UTF-8" };
    } catch {
      return { ok: false, message: "文件以 UTF-8 标记开头，但内容不是有效的 UTF-8 编码。" };
    }
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(b), encoding: "UTF-8" };
  } catch {
    return { ok: true, text: iconv.decode(b, "gbk"), encoding: "GBK" };
  }
}

export interface CsvLine {
  /** line number in the file as a spreadsheet shows it (the header is line 1) */
  line: number;
  cells: string[];
}

export type CsvTable = { ok: true; rows: CsvLine[] } | { ok: false; line: number | null; message: string };

/** Parses the CSV and checks its header; each data row keeps the line number it starts on. */
export function readCsvTable(text: string, header: readonly string[]): CsvTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as { code?: string; lines?: number };
    const what = err.code === "CSV_QUOTE_NOT_CLOSED" ? "引号没有成对闭合" : "不是有效的 CSV 格式";
    return { ok: false, line: err.lines ?? null, message: `${err.lines ? `第 ${err.lines} 行：` : ""}${what}。` };
  }
  // Excel leaves empty trailing cells on rows it once touched: ignore them.
  const rows = records
    .map(({ record, info }) => {
      const cells = [...record];
      while (cells.length > header.length && cells[cells.length - 1] === "") cells.pop();
      const newlinesInside = record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
      return { line: info.lines - newlinesInside, cells };
    })
    .filter((r) => r.cells.some((c) => c !== ""));
  const first = rows.shift();
  if (!first) return { ok: false, line: null, message: "文件是空的。" };
  if (first.cells.join(",") !== header.join(","))
    return { ok: false, line: first.line, message: `第 ${first.line} 行：表头应为“${header.join(",")}”，实际为“${first.cells.join(",")}”。` };
  if (rows.length === 0) return { ok: false, line: null, message: "文件只有表头，没有数据行。" };
  return { ok: true, rows };
}
