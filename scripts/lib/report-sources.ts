// Where `npm run cli -- import` gets exchange documents from: JSON files, folders of them
// (bulk history), and — once the document converters exist — Word, Excel and web-page files.
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
 * HOOK for the document converters (lib/documents/, the "formats" work): turns a .docx,
 * .xlsx or .html report of the official layout into an exchange document. Until it is
 * wired to them, such a file is reported as not convertible yet and the others go on.
 */
export async function convertDocumentFile(file: string): Promise<SourceRead> {
  return { ok: false, lines: [`convert ${file}: 暂不能转换 ${path.extname(file)} 文件（Word、Excel、网页文件的转换尚未接入），未导入`] };
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
