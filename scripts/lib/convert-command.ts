// npm run cli -- convert FILE [--agency CODE] [--region CODE] [--region-name NAME]
// Reads a report in the official format from Word (.docx), Excel (.xlsx) or a saved web
// page (.html) and prints the exchange document (JSON) to stdout; what could not be read
// goes to stderr, one line each ("where: why"). Exit 0 when everything was read, 1 otherwise
// (the partial document is still printed), 64 for a usage error.
import fs from "node:fs";
import { convertDocument, UnreadableFileError } from "@/lib/documents/convert";
import { MAX_REPORT_FILE_BYTES } from "@/lib/exchange";
import { isAgencyCode, isRegionCode } from "@/lib/codes";
import type { CliOutput } from "./cli-output";

export const CONVERT_USAGE = "npm run cli -- convert 文件.docx|.xlsx|.html [--agency 单位代码] [--region 地区代码] [--region-name 地区名称]";

const VALUE_FLAGS = { "--agency": "agencyCode", "--region": "regionCode", "--region-name": "regionName" } as const;

export async function convertCommand(args: readonly string[], io: CliOutput): Promise<number> {
  const options: { agencyCode?: string; regionCode?: string; regionName?: string } = {};
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    if (flag in VALUE_FLAGS) {
      const value = inline ?? args[++i];
      if (!value || value.startsWith("--")) {
        io.error(`${flag} 需要一个值\n用法: ${CONVERT_USAGE}`);
        return 64;
      }
      options[VALUE_FLAGS[flag as keyof typeof VALUE_FLAGS]] = value.trim();
    } else if (a.startsWith("--")) {
      io.error(`未知选项: ${a}\n用法: ${CONVERT_USAGE}`);
      return 64;
    } else files.push(a);
  }
  if (files.length !== 1) {
    io.error(`请给出一个文件\n用法: ${CONVERT_USAGE}`);
    return 64;
  }
  if (options.agencyCode && !isAgencyCode(options.agencyCode)) {
    io.error(`--agency: 单位代码应为 2–40 位数字、字母或“-”，实际为 ${options.agencyCode}`);
    return 64;
  }
  if (options.regionCode && !isRegionCode(options.regionCode)) {
    io.error(`--region: 地区代码应为 6 位数字的行政区划代码，实际为 ${options.regionCode}`);
    return 64;
  }
  const file = files[0]!;
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw Object.assign(new Error(), { code: "EISDIR" });
    if (stat.size > MAX_REPORT_FILE_BYTES) {
      io.error(`${file}: 文件过大（${stat.size} 字节，上限 ${MAX_REPORT_FILE_BYTES} 字节）`);
      return 1;
    }
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.error(`${file}: ${code === "ENOENT" ? "文件不存在" : code === "EISDIR" ? "不是文件" : `无法读取（${code ?? "未知错误"}）`}`);
    return 1;
  }
  try {
    const result = await convertDocument(bytes, options);
    io.write(JSON.stringify(result.document, null, 2) + "\n");
    for (const p of result.problems) io.error(`${p.where}: ${p.reason}`);
    if (result.problems.length) io.error(`${file}: 有 ${result.problems.length} 处未能读取，见上；未能读取的单元格为 null`);
    return result.problems.length ? 1 : 0;
  } catch (e) {
    if (e instanceof UnreadableFileError) {
      io.error(`${file}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
