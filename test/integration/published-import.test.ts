// Through the real CLI on a real database: money exact to the 分 from file to SQL
// sums, reports as published (blank cells, missing contact, printed figures that break a
// rule, stored as printed with their notes), and bulk history from a folder, run twice.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess } from "../support/cli";
import { consistentReport2021 } from "../support/report-2021";
import { freshDatabase } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let tmp: string;

function cli(...args: string[]) {
  return runCliInProcess(ctx.url, ...args);
}

function write(dir: string, name: string, data: unknown) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof data === "string" ? data : JSON.stringify(data, null, 2));
  return file;
}

/** A consistent 2021-format report of `code` with 7539.443252 万元 of fees, derived cells left out. */
async function report(code: string, name: string) {
  return (await consistentReport2021(
    { code, name },
    { received: [20, 2, 0, 0, 1, 0], carriedOver: [6, 0, 0, 0, 0, 0], granted: [10, 1, 0, 0, 1, 0], "unavailable.notHeld": [16, 0, 0, 0, 0, 0], carriedForward: [0, 1, 0, 0, 0, 0] },
  )) as Record<string, any>;
}

/** As printed by a real report: （七）总计 自然人 20 while its rows sum to 26. */
async function brokenTotal(code: string, name: string) {
  const doc = await report(code, name);
  doc.applications.handledTotal = { naturalPerson: 20, commercial: 1, research: 0, publicInterest: 0, legal: 1, otherOrg: 0, total: 22 };
  doc.applications.received.naturalPerson = 14; // so that 一 + 二 = 三(七) + 四 as printed: 14 + 6 = 20 + 0
  return doc;
}

beforeAll(async () => {
  ctx = await freshDatabase("govreports_published");
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "published-"));
});
afterAll(async () => {
  await ctx?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("import --publish of reports published elsewhere", () => {
  it(
    "refuses a report whose printed figures break a rule without --as-published, and stores nothing",
    async () => {
      const file = write(tmp, "broken.json", await brokenTotal("640122-sj", "贺兰县审计局"));
      const r = await cli("import", file, "--publish");
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/^.*broken\.json: handledTotal applications\/handledTotal\/naturalPerson ≠ .*: 20 ≠ 26 \(差 6\)/m);
      expect(r.stdout).toContain("未导入");
      expect(r.stdout).toContain("--as-published");
      expect(await ctx.db.agency.count({ where: { code: "640122-sj" } })).toBe(0);
      expect(await ctx.db.report.count()).toBe(0);
      expect(await ctx.db.publishedVersion.count()).toBe(0);
    },
  );

  it(
    "refuses a missing contact and issuedOn and a blank cell without --publish",
    async () => {
      const doc = await report("640122-mz", "贺兰县民政局");
      doc.contact = null;
      doc.issuedOn = null;
      doc.applications.received.research = null;
      const r = await cli("import", write(tmp, "nocontact.json", doc));
      expect(r.status).toBe(1);
      expect(r.stdout).toContain("联系方式");
      expect(r.stdout).toContain("applications.received.research");
      expect(await ctx.db.report.count()).toBe(0);
    },
  );

  it(
    "bulk history from a folder: one line per file and a summary; good, bad and as-published files; idempotent",
    async () => {
      const dir = path.join(tmp, "history");
      // 1. a published report without contact or 成文日期, with a blank cell and money to the 分
      const good = await report("640122-mz", "贺兰县民政局");
      good.contact = null;
      good.issuedOn = null;
      good.applications.received.research = null;
      write(dir, "a-minzheng-2022.json", good);
      // 2. a report whose printed （七）总计 is six below its rows
      write(dir, "b-shenji-2022.json", await brokenTotal("640122-sj", "贺兰县审计局"));
      // 3. a count the database cannot hold
      const bad = await report("640122-ga", "贺兰县公安局");
      bad.applications.received.naturalPerson = 1e15;
      write(dir, "c-gongan-2022.json", bad);
      // 4. a report as a Word file in the official layout (converted on the way in), a file that
      // only pretends to be one, and an unrelated file
      const { writeDocx } = await import("@/lib/documents/docx-writer");
      const { exportDocument } = await import("@/lib/exchange");
      fs.writeFileSync(path.join(dir, "e-wenlv-2022.docx"), await writeDocx(exportDocument((await report("640122-wl", "贺兰县文化旅游局")) as never)));
      write(dir, "d-scan.docx", "PK");
      write(dir, "readme.txt", "说明");

      const first = await cli("import", "--publish", "--as-published", dir);
      expect(first.stderr).toBe("");
      expect(first.status).toBe(1);
      const outcome = (name: string) => first.lines.filter((l) => l.startsWith(path.join(dir, name)) && !/: (note|nonNegativeInteger|handledTotal|balance|rowTotal|convert) /.test(l));
      expect(outcome("a-minzheng-2022.json")).toEqual([`${path.join(dir, "a-minzheng-2022.json")}: 贺兰县民政局 2022 年度 已导入并发布（1 条数据质量说明）`]);
      expect(outcome("b-shenji-2022.json")).toEqual([`${path.join(dir, "b-shenji-2022.json")}: 贺兰县审计局 2022 年度 已导入并发布（2 条数据质量说明）`]);
      expect(outcome("c-gongan-2022.json")).toHaveLength(1);
      expect(outcome("c-gongan-2022.json")[0]).toMatch(/: 未导入：有 \d+ 个问题（见上），未保存任何内容$/);
      expect(outcome("e-wenlv-2022.docx").join("\n")).toMatch(/: 贺兰县文化旅游局 2022 年度 已导入并发布/);
      expect(first.stdout).toContain("数值过大");
      expect(first.stdout).toContain("不支持的文件类型");
      expect(first.lines.at(-1)).toBe("共 5 个文件：已导入为草稿 0，已更新草稿 0，已导入并发布 3，内容未变化 0，未导入 2；另有 1 个非报告文件被忽略");
      // never a database error, a stack or a source path
      expect(first.stdout + first.stderr).not.toMatch(/prisma|\n\s+at |\.ts:\d+|invalid `/i);

      // stored as printed: the （七）总计 the report printed, not the sum of its rows
      const printed = await ctx.db.reportCell.findFirstOrThrow({
        where: { section: "applications", row: "handledTotal", column: "naturalPerson", report: { agency: { code: "640122-sj" } } },
      });
      expect(printed.value!.toString()).toBe("20");
      const version = await ctx.db.publishedVersion.findFirstOrThrow({ where: { report: { agency: { code: "640122-sj" } } } });
      const notes = version.qualityNotes as { id: string; message: string }[];
      expect(notes.map((n) => n.id)).toEqual(["handledTotal", "handledTotal"]);
      expect(notes[0]!.message).toBe("三、收到和处理政府信息公开申请情况 · 自然人 列：三、办理结果（七）总计 原报告印为 20，（一）至（六）各项办理结果之和为 26，相差 6");
      expect(notes[1]!.message).toContain("总计 列：三、办理结果（七）总计 原报告印为 22，（一）至（六）各项办理结果之和为 28，相差 6");

      // the blank cell is stored blank, noted, and summed as 0
      const mz = await ctx.db.publishedVersion.findFirstOrThrow({ where: { report: { agency: { code: "640122-mz" } } } });
      expect((mz.qualityNotes as { message: string }[])[0]!.message).toContain("科研机构 原报告空白（按 0 计）");
      const blank = await ctx.db.reportCell.findFirstOrThrow({
        where: { section: "applications", row: "received", column: "research", report: { agency: { code: "640122-mz" } } },
      });
      expect(blank.value).toBeNull();

      // money: exact in the database and in SQL sums across reports
      const [sum] = await ctx.db.$queryRaw<{ total: string }[]>`
        SELECT SUM("value")::text AS total FROM "ReportCell" WHERE "section" = 'proactive' AND "row" = 'fees' AND "column" = 'amount'`;
      expect(sum!.total).toBe("22618.329756");
      expect(await ctx.db.agency.count({ where: { code: "640122-ga" } })).toBe(0);

      // idempotent: the same folder again changes nothing
      const audit = await ctx.db.auditEvent.count();
      const second = await cli("import", "--publish", "--as-published", dir);
      expect(second.status).toBe(1);
      expect(second.lines.at(-1)).toBe("共 5 个文件：已导入为草稿 0，已更新草稿 0，已导入并发布 0，内容未变化 3，未导入 2；另有 1 个非报告文件被忽略");
      expect(await ctx.db.publishedVersion.count()).toBe(3);
      expect(await ctx.db.auditEvent.count()).toBe(audit);
    },
  );

  it(
    "exports the report as stored: money as written, blank cells null, the missing contact empty",
    async () => {
      const r = await cli("export", "640122-mz", "2022");
      expect(r.status).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(r.stdout).toContain('"amount": 7539.443252');
      expect(doc.proactive.fees.amount).toBe(7539.443252);
      expect(doc.applications.received.research).toBeNull();
      expect(doc.applications.received.total).toBe(23);
      expect(doc.issuedOn).toBeNull();
      expect(doc.contact).toEqual({ address: "", phone: "", email: "" });
    },
  );
});
