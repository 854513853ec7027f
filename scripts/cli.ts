// npm run cli -- validate FILE.json…
// npm run cli -- import FILE.json… [--publish]
// npm run cli -- export CODE YEAR
// npm run cli -- convert FILE.docx|.xlsx|.html [--agency CODE] [--region CODE] [--region-name NAME]
// The command-line interface of SPEC ("Interfaces that other tools rely on"). Messages go
// to stderr, results (ok, validation lines, exported JSON) to stdout; never a stack trace.
import fs from "node:fs";
import { checkReportDocument, MAX_REPORT_FILE_BYTES, parseReportDocument, type ReportDocument } from "@/lib/exchange";
import { createPrismaClient } from "@/lib/server/prisma";
import { importReport } from "@/lib/server/reports/import-report";
import { reportToDocument, reportWithContent } from "@/lib/server/reports/report-document";
import { formatViolationLine } from "@/lib/validation";
import { openDatabase } from "./lib/database";
import { runMigrate } from "./lib/migrate";
import { convertCommand } from "./lib/convert-command";

const USAGE = `用法:
  npm run cli -- validate 文件.json…           校验报告文件（退出码 0 = 通过）
  npm run cli -- import 文件.json… [--publish]  导入报告（默认存为草稿；--publish 直接发布）
  npm run cli -- export 单位代码 年度           输出报告的 JSON
  npm run cli -- convert 文件.docx|.xlsx|.html [--agency 单位代码] [--region 地区代码] [--region-name 地区名称]
                                              把 Word / Excel / 网页格式的年度报告转换为 JSON`;

/** Reads one JSON file; every problem is one line, never an exception. */
function readJson(file: string): { ok: true; json: unknown } | { ok: false; lines: string[] } {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return { ok: false, lines: [`file ${file}: 不是文件`] };
    if (stat.size > MAX_REPORT_FILE_BYTES) return { ok: false, lines: [`file ${file}: 文件过大（${stat.size} 字节，上限 ${MAX_REPORT_FILE_BYTES} 字节）`] };
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, lines: [`file ${file}: ${code === "ENOENT" ? "文件不存在" : `无法读取（${code ?? "未知错误"}）`}`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    return { ok: false, lines: [`json ${file}: 不是有效的 JSON 文件（${e instanceof Error ? e.message : String(e)}）`] };
  }
  return { ok: true, json };
}

/** Reads and structurally checks one exchange document. */
function loadDocument(file: string): { ok: true; doc: ReportDocument } | { ok: false; lines: string[] } {
  const read = readJson(file);
  if (!read.ok) return read;
  const parsed = parseReportDocument(read.json);
  if (!parsed.ok) return { ok: false, lines: parsed.problems.map((p) => `${p.id} ${p.line}`) };
  return { ok: true, doc: parsed.doc };
}

function print(prefix: string, lines: string[]) {
  for (const l of lines) console.log(prefix ? `${prefix}: ${l}` : l);
}

function validate(files: string[]) {
  let failed = false;
  for (const file of files) {
    const prefix = files.length > 1 ? file : "";
    const read = readJson(file);
    if (!read.ok) {
      print(prefix, read.lines);
      failed = true;
      continue;
    }
    // offline: carryOverMatchesLastYear needs last year's report, which only `import` has
    const check = checkReportDocument(read.json, { mode: "submit", lastYear: null });
    print(prefix, check.lines);
    if (check.ok) print(prefix, ["ok"]);
    else failed = true;
  }
  return failed ? 1 : 0;
}

async function withDb<T>(fn: (db: ReturnType<typeof createPrismaClient>) => Promise<T>) {
  const handle = await openDatabase();
  try {
    const migrated = runMigrate(handle.url, ["deploy"], "pipe");
    if (migrated.status !== 0) throw new Error(`数据库迁移失败:\n${migrated.output}`);
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

const OUTCOME_LABELS = { created: "已导入为草稿", updated: "已更新草稿", published: "已导入并发布", unchanged: "内容未变化，未做修改" } as const;

async function importFiles(files: string[], publish: boolean) {
  const loaded = files.map((file) => ({ file, loaded: loadDocument(file) }));
  let failed = false;
  await withDb(async (db) => {
    for (const { file, loaded: l } of loaded) {
      if (!l.ok) {
        print(file, l.lines);
        failed = true;
        continue;
      }
      const result = await importReport(db, l.doc, { publish, actor: { label: "cli" } });
      if (!result.ok) {
        print(file, result.errors);
        failed = true;
        continue;
      }
      print(file, result.warnings.map(formatViolationLine));
      console.log(`${file}: ${l.doc.agency.name} ${l.doc.year} 年度 ${OUTCOME_LABELS[result.outcome]}`);
    }
  });
  return failed ? 1 : 0;
}

async function exportReport(code: string | undefined, yearText: string | undefined) {
  if (!code || !yearText || !/^[0-9A-Za-z-]{2,40}$/.test(code) || !/^\d{4}$/.test(yearText)) {
    console.error("请给出单位代码和年度，例如: npm run cli -- export 640122100000 2020");
    return 64;
  }
  return withDb(async (db) => {
    const report = await db.report.findFirst({ where: { year: Number(yearText), agency: { code } }, include: reportWithContent });
    if (!report) {
      console.error(`没有找到单位 ${code} 的 ${yearText} 年度报告`);
      return 1;
    }
    process.stdout.write(JSON.stringify(reportToDocument(report), null, 2) + "\n");
    return 0;
  });
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  // convert takes flags with values: it parses its own arguments
  if (command === "convert") return convertCommand(rest);
  const files = rest.filter((a) => !a.startsWith("--"));
  const unknownFlags = rest.filter((a) => a.startsWith("--") && a !== "--publish");
  if (unknownFlags.length) {
    console.error(`未知选项: ${unknownFlags.join(" ")}\n${USAGE}`);
    return 64;
  }
  switch (command) {
    case "validate":
      if (!files.length) break;
      return validate(files);
    case "import":
      if (!files.length) break;
      return importFiles(files, rest.includes("--publish"));
    case "export":
      return exportReport(files[0], files[1]);
  }
  console.error(USAGE);
  return 64;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`错误: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
