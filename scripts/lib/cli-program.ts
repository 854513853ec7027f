// The program behind scripts/cli.ts (its usage is there): every command, writing through an
// output it is given, so that tests run it in-process as well as a user runs it in a shell.
import { checkReportDocument, inexactNumberProblems, parseReportDocument, type ReportDocument } from "@/lib/exchange";
import { createPrismaClient } from "@/lib/server/prisma";
import { importReport, type ImportOutcome } from "@/lib/server/reports/import-report";
import { reportToDocument, reportWithContent } from "@/lib/server/reports/report-document";
import { formatViolationLine } from "@/lib/validation";
import { openDatabase } from "./database";
import { deployIfPending } from "./migrate";
import { expandReportSources, readReportSource } from "./report-sources";
import { isAgencyCode, YEAR_IN_PATH } from "@/lib/codes";
import type { CliOutput } from "./cli-output";

const USAGE = `用法:
  npm run cli -- validate 文件.json… [--publish]
      校验报告文件（退出码 0 = 通过）；--publish 按“已在别处发布的报告”校验（联系方式、成文日期、空白单元格可缺）
  npm run cli -- import 文件.json|文件夹/… [--publish [--as-published]]
      导入报告（默认存为草稿；--publish 作为已发布的报告导入并公开；
      --as-published 另外允许原报告中不符合校验规则的数据照原样保存，并公开列出数据质量说明）
  npm run cli -- export 单位代码 年度
      输出报告的 JSON
  npm run cli -- convert 文件.docx|.xlsx|.html [--agency 单位代码] [--region 地区代码] [--region-name 地区名称]
      把 Word / Excel / 网页格式的年度报告转换为 JSON`;

const FLAGS = ["--publish", "--as-published"] as const;

/** DEBUG=1 shows what went wrong inside (for the people running the system, never by default). */
function debug(e: unknown) {
  if (process.env.DEBUG) console.error(e);
}

/** Reads one JSON file; every problem is one line, never an exception. */
async function readJson(file: string): Promise<{ ok: true; json: unknown; text?: string } | { ok: false; lines: string[] }> {
  const read = await readReportSource(file);
  if (!read.ok) return read;
  if ("json" in read) return { ok: true, json: read.json };
  try {
    return { ok: true, json: JSON.parse(read.text.replace(/^\uFEFF/, "")), text: read.text };
  } catch (e) {
    return { ok: false, lines: [`json ${file}: 不是有效的 JSON 文件（${e instanceof Error ? e.message : String(e)}）`] };
  }
}

/** Reads and structurally checks one exchange document. */
async function loadDocument(file: string, published: boolean): Promise<{ ok: true; doc: ReportDocument } | { ok: false; lines: string[] }> {
  const read = await readJson(file);
  if (!read.ok) return read;
  if (read.text) {
    const inexact = inexactNumberProblems(read.text);
    if (inexact.length) return { ok: false, lines: inexact.map((l) => `nonNegativeInteger ${l}`) };
  }
  const parsed = parseReportDocument(read.json, { published });
  if (!parsed.ok) {
    // every problem at once: the sums are checked on the tables as written, too
    return { ok: false, lines: checkReportDocument(read.json, { published, mode: "submit" }).lines };
  }
  return { ok: true, doc: parsed.doc };
}

function print(io: CliOutput, prefix: string, lines: string[]) {
  for (const l of lines) io.log(prefix ? `${prefix}: ${l}` : l);
}

async function validate(io: CliOutput, files: string[], published: boolean) {
  let failed = false;
  for (const file of files) {
    const prefix = files.length > 1 ? file : "";
    const read = await readJson(file);
    if (!read.ok) {
      print(io, prefix, read.lines);
      failed = true;
      continue;
    }
    // offline: carryOverMatchesLastYear needs last year's report, which only `import` has
    const check = checkReportDocument(read.json, { mode: "submit", lastYear: null, sourceText: read.text, published });
    print(io, prefix, check.lines);
    if (check.ok) print(io, prefix, ["ok"]);
    else failed = true;
  }
  return failed ? 1 : 0;
}

async function withDb<T>(databaseUrl: string | undefined, fn: (db: ReturnType<typeof createPrismaClient>) => Promise<T>) {
  const handle = databaseUrl ? { url: databaseUrl, release: async () => {} } : await openDatabase();
  try {
    const migrated = await deployIfPending(handle.url);
    if (migrated.status !== 0) {
      debug(migrated.output);
      throw new CliError("数据库迁移失败，未做任何修改（设置 DEBUG=1 可查看详细信息）");
    }
    const db = createPrismaClient(handle.url);
    try {
      return await fn(db);
    } finally {
      await db.$disconnect();
    }
  } finally {
    await handle.release();
  }
}

/** A failure whose message is meant for the user (Chinese, one line). */
class CliError extends Error {}

const OUTCOME_LABELS = { created: "已导入为草稿", updated: "已更新草稿", published: "已导入并发布", unchanged: "内容未变化，未做修改" } as const;
type FileOutcome = ImportOutcome | "refused";

async function importFiles(io: CliOutput, databaseUrl: string | undefined, args: string[], publish: boolean, asPublished: boolean) {
  const { files, folders, ignored } = expandReportSources(args);
  const bulk = folders > 0 || files.length > 1;
  const counts: Record<FileOutcome, number> = { created: 0, updated: 0, published: 0, unchanged: 0, refused: 0 };
  if (files.length === 0) {
    io.log(`${args.join(" ")}: 没有可导入的报告文件（*.json）`);
    return 1;
  }
  await withDb(databaseUrl, async (db) => {
    for (const file of files) {
      // one file's failure never stops the others, and never shows a database error text
      let outcome: FileOutcome = "refused";
      try {
        const l = await loadDocument(file, publish);
        if (!l.ok) {
          print(io, file, l.lines);
          io.log(`${file}: 未导入：有 ${l.lines.length} 个问题（见上），未保存任何内容`);
        } else {
          const result = await importReport(db, l.doc, { publish, asPublished, actor: { label: "cli" } });
          if (!result.ok) {
            print(io, file, result.errors);
            io.log(`${file}: 未导入：有 ${result.errors.length} 个问题（见上），未保存任何内容${publish && !asPublished ? "；如确系原报告所印数据，可加 --as-published 照原样导入" : ""}`);
          } else {
            outcome = result.outcome;
            print(io, file, result.warnings.map(formatViolationLine));
            print(io, file, result.qualityNotes.map((n) => `note ${n.id} ${n.message}`));
            const notes = result.qualityNotes.length ? `（${result.qualityNotes.length} 条数据质量说明）` : "";
            io.log(`${file}: ${l.doc.agency.name} ${l.doc.year} 年度 ${OUTCOME_LABELS[result.outcome]}${notes}`);
          }
        }
      } catch (e) {
        debug(e);
        io.log(`${file}: 未导入：保存时发生意外错误，未保存任何内容（设置 DEBUG=1 可查看详细信息）`);
      }
      counts[outcome]++;
    }
  });
  if (bulk) {
    const parts = (Object.keys(counts) as FileOutcome[]).map((k) => `${k === "refused" ? "未导入" : OUTCOME_LABELS[k].replace(/，.*$/, "")} ${counts[k]}`);
    io.log(`共 ${files.length} 个文件：${parts.join("，")}${ignored.length ? `；另有 ${ignored.length} 个非报告文件被忽略` : ""}`);
  }
  return counts.refused > 0 ? 1 : 0;
}

async function exportReport(io: CliOutput, databaseUrl: string | undefined, code: string | undefined, yearText: string | undefined) {
  if (!code || !yearText || !isAgencyCode(code) || !YEAR_IN_PATH.test(yearText)) {
    io.error("请给出单位代码和年度，例如: npm run cli -- export 640122100000 2020");
    return 64;
  }
  return withDb(databaseUrl, async (db) => {
    const report = await db.report.findFirst({ where: { year: Number(yearText), agency: { code } }, include: reportWithContent });
    if (!report) {
      io.error(`没有找到单位 ${code} 的 ${yearText} 年度报告`);
      return 1;
    }
    io.write(JSON.stringify(reportToDocument(report), null, 2) + "\n");
    return 0;
  });
}

async function main(io: CliOutput, databaseUrl: string | undefined, argv: string[]) {
  const [command, ...rest] = argv;
  // convert takes flags with values: it parses its own arguments
  // the converters load only for `convert` (they are most of a start; report-sources.ts)
  if (command === "convert") return (await import("./convert-command")).convertCommand(rest, io);
  const files = rest.filter((a) => !a.startsWith("--"));
  const unknownFlags = rest.filter((a) => a.startsWith("--") && !(FLAGS as readonly string[]).includes(a));
  if (unknownFlags.length) {
    io.error(`未知选项: ${unknownFlags.join(" ")}\n${USAGE}`);
    return 64;
  }
  const publish = rest.includes("--publish");
  const asPublished = rest.includes("--as-published");
  if (asPublished && (command !== "import" || !publish)) {
    io.error(`--as-published 只能与 import --publish 一起使用（只适用于已在别处发布的报告）\n${USAGE}`);
    return 64;
  }
  switch (command) {
    case "validate":
      if (!files.length) break;
      return validate(io, files, publish);
    case "import":
      if (!files.length) break;
      return importFiles(io, databaseUrl, files, publish, asPublished);
    case "export":
      return exportReport(io, databaseUrl, files[0], files[1]);
  }
  io.error(USAGE);
  return 64;
}

/**
 * Runs one command line and returns its exit code; every failure, expected or not, is one
 * Chinese line on `io.error`, never a stack trace. `databaseUrl` names the database (else
 * DATABASE_URL, else the embedded server, as scripts/lib/database.ts openDatabase decides).
 */
export async function runCli(argv: string[], io: CliOutput, { databaseUrl }: { databaseUrl?: string } = {}): Promise<number> {
  try {
    return await main(io, databaseUrl, argv);
  } catch (e) {
    debug(e);
    const code = (e as { code?: unknown } | null)?.code;
    const unreachable = code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "28P01" || code === "3D000";
    const message =
      e instanceof CliError ? e.message : unreachable ? "无法连接数据库，请检查 DATABASE_URL" : "发生意外错误，操作未完成";
    io.error(`错误: ${message}${e instanceof CliError ? "" : "（设置 DEBUG=1 可查看详细信息）"}`);
    return 1;
  }
}
