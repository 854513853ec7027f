// Where `npm run cli -- import` gets exchange documents from: JSON files, folders of them
// (bulk history), and Word, Excel and web-page reports through the converters (lib/documents/).
import fs from "node:fs";
import path from "node:path";
import { MAX_REPORT_FILE_BYTES } from "@/lib/exchange";

/** Files taken as exchange documents as they are. */
export const JSON_EXTENSIONS = [".json"] as const;
/** Files that a converter turns into an exchange document (see convertDocumentFile). */
export const CONVERTIBLE_EXTENSIONS = [".docx", ".xlsx", ".html", ".htm"] as const;

export type SourceRead = { ok: true; text: string } | { ok: true; json: unknown } | { ok: false; lines: string[] };

const hasExtension = (file: string, list: readonly string[]) => list.includes(path.extname(file).toLowerCase());

/**
 * A .docx, .xlsx or .html report of the official layout, turned into an exchange document by
 * the converters of lib/documents/ (the same as `cli convert`). Nothing is guessed: a file
 * of which anything could not be read — a cell, the agency's code, the year — is not
 * imported, and every such place is named.
 */
export async function convertDocumentFile(file: string): Promise<SourceRead> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { ok: false, lines: [`file ${file}: 无法读取（${(e as NodeJS.ErrnoException).code ?? "未知错误"}）`] };
  }
  // loaded here, not on top: the Word, Excel and HTML readers are most of a CLI start, and
  // JSON files (nearly every import) never need them
  const { convertDocument, UnreadableFileError } = await import("@/lib/documents/convert");
  try {
    const result = await convertDocument(bytes);
    if (result.problems.length > 0) {
      return {
        ok: false,
        lines: [
          ...result.problems.map((p) => `convert ${file}: ${p.where}：${p.reason}`),
          `convert ${file}: 有 ${result.problems.length} 处未能读取，未导入（先用 npm run cli -- convert 转换为 JSON，核对补全后再导入）`,
        ],
      };
    }
    return { ok: true, json: result.document };
  } catch (e) {
    if (e instanceof UnreadableFileError) return { ok: false, lines: [`convert ${file}: ${e.message}`] };
    throw e;
  }
}

/**
 * The report files named on the command line, in order; a folder gives its *.json and
 * convertible files (not recursive, sorted by name). `ignored` counts other files in folders.
 */
export function expandReportSources(args: readonly string[]): { files: string[]; folders: number; ignored: string[] } {
  const files: string[] = [];
  const ignored: string[] = [];
  let folders = 0;
  for (const arg of args) {
    let stat: fs.Stats | null = null;
    try {
      stat = fs.statSync(arg);
    } catch {
      stat = null;
    }
    if (!stat?.isDirectory()) {
      files.push(arg);
      continue;
    }
    folders++;
    for (const name of fs.readdirSync(arg).sort()) {
      if (name.startsWith(".")) continue;
      const file = path.join(arg, name);
      if (!fs.statSync(file).isFile()) continue;
      if (hasExtension(name, JSON_EXTENSIONS) || hasExtension(name, CONVERTIBLE_EXTENSIONS)) files.push(file);
      else ignored.push(file);
    }
  }
  return { files, folders, ignored };
}

/** Reads one report source: a JSON file's text, or a converted document. Never throws. */
export async function readReportSource(file: string): Promise<SourceRead> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, lines: [`file ${file}: ${code === "ENOENT" ? "文件不存在" : `无法读取（${code ?? "未知错误"}）`}`] };
  }
  if (!stat.isFile()) return { ok: false, lines: [`file ${file}: 不是文件`] };
  if (stat.size > MAX_REPORT_FILE_BYTES) return { ok: false, lines: [`file ${file}: 文件过大（${stat.size} 字节，上限 ${MAX_REPORT_FILE_BYTES} 字节）`] };
  if (hasExtension(file, CONVERTIBLE_EXTENSIONS)) return convertDocumentFile(file);
  try {
    return { ok: true, text: fs.readFileSync(file, "utf8") };
  } catch (e) {
    return { ok: false, lines: [`file ${file}: 无法读取（${(e as NodeJS.ErrnoException).code ?? "未知错误"}）`] };
  }
}
