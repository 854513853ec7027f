/**
 * The converters under limits (lib/documents/limits.ts, convert-pool.ts): the zip
 * package judged by its central directory and inflated no further than declared; tables held
 * to their spans, rows, columns and cells; each hostile file of the issue refused (or read)
 * within 3 s with a Chinese message naming the limit, in this thread and in the worker pool;
 * the worker's time budget, one conversion per user and the pool's 503.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import JSZip from "jszip";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { convertDocument, UnreadableFileError } from "@/lib/documents/convert";
import { ConvertBusyError, convertInWorker } from "@/lib/documents/convert-pool";
import { writeDocx } from "@/lib/documents/docx-writer";
import { CONVERT_LIMITS, ConvertLimitError, GridBudget, SafeZip } from "@/lib/documents/limits";
import { expandSpans } from "@/lib/documents/read/source";
import { exportDocument } from "@/lib/exchange";
import { hostileFiles, type HostileFile } from "../support/hostile-files";

const zipOf = (files: Record<string, string | Buffer>, compression: "STORE" | "DEFLATE" = "DEFLATE") => {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: "nodebuffer", compression });
};

/** The message of what `run` throws, and how long it took. */
async function refusal(run: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const t0 = performance.now();
  try {
    await run();
    return { ms: performance.now() - t0, error: null };
  } catch (error) {
    return { ms: performance.now() - t0, error };
  }
}

describe("SafeZip: the package by its central directory", () => {
  it("reads the parts of an ordinary package exactly", async () => {
    const bytes = await zipOf({ "word/document.xml": "<w:document>正文</w:document>", "a/b.txt": "x".repeat(5000), "empty.txt": "" });
    const zip = SafeZip.open(bytes);
    expect(zip.names().sort()).toEqual(["a/b.txt", "empty.txt", "word/document.xml"]);
    expect(zip.text("word/document.xml")).toBe("<w:document>正文</w:document>");
    expect(zip.text("a/b.txt")).toBe("x".repeat(5000));
    expect(zip.text("empty.txt")).toBe("");
    expect(zip.text("missing.xml")).toBeUndefined();
  });

  it("refuses a package whose parts together declare more than 50 MB, before inflating anything", async () => {
    const bomb = (await hostileFiles()).find((f) => f.filename === "bomb.docx")!;
    const { ms, error } = await refusal(async () => SafeZip.open(bomb.bytes));
    expect(error).toBeInstanceOf(ConvertLimitError);
    expect((error as ConvertLimitError).limit).toBe("zipTotalBytes");
    expect((error as Error).message).toBe("文件解压后超过 50 MB 上限");
    expect(ms).toBeLessThan(100);
  });

  it("inflates a part no further than its declared size", async () => {
    const lying = (await hostileFiles()).find((f) => f.filename === "lying-bomb.docx")!;
    const zip = SafeZip.open(lying.bytes);
    expect(() => zip.read("word/document.xml")).toThrow(/“word\/document\.xml”解压后超过其声明的大小/);
  });

  it("refuses one part over 10 MB when it is read, and a compression ratio over 200:1", async () => {
    const big = await zipOf({ "xl/sharedStrings.xml": crypto.randomBytes(8 * 1024 * 1024).toString("base64") }, "STORE");
    const zip = SafeZip.open(big);
    expect(() => zip.read("xl/sharedStrings.xml")).toThrow(/“xl\/sharedStrings\.xml”解压后 10\.7 MB，超过单个部件 10 MB 的上限/);
    const dense = await zipOf({ "word/document.xml": " ".repeat(2 * 1024 * 1024) });
    expect(() => SafeZip.open(dense)).toThrow(/压缩比异常.*超过 200:1 的上限/);
  });

  it("refuses more than 2,000 entries, and a broken package as damaged", async () => {
    const many = await zipOf(Object.fromEntries(Array.from({ length: CONVERT_LIMITS.zipEntries + 1 }, (_, i) => [`f${i}.txt`, ""])));
    expect(() => SafeZip.open(many)).toThrow(/压缩包内的文件过多（2001 个），超过上限 2000 个/);
    expect(() => SafeZip.open(Buffer.from("PK\u0003\u0004garbage"))).toThrow(UnreadableFileError);
  });
});

describe("tables: spans, rows, columns and cells", () => {
  it("each guard names its limit", () => {
    const guard = new GridBudget().table("第 1 个表格");
    expect(guard.columnSpan(200)).toBe(200);
    expect(() => guard.columnSpan(201)).toThrow("表格过大：合并单元格跨越 201 列，超过上限 200 列");
    expect(() => guard.rowSpan(2001)).toThrow("表格过大：合并单元格跨越 2001 行，超过上限 2000 行");
    expect(() => guard.rows(2001)).toThrow("表格过大：第 1 个表格有 2001 行，超过上限 2000 行");
    expect(() => guard.width(3300)).toThrow("表格过大：第 1 个表格有 3300 列，超过上限 200 列");
    guard.fill(50_000);
    expect(() => guard.fill(1)).toThrow("表格过大：第 1 个表格超过 50000 个单元格的上限");
  });

  it("the document's tables together are held to 200,000 cells", () => {
    const budget = new GridBudget();
    for (let i = 0; i < 4; i++) budget.table(`第 ${i + 1} 个表格`).fill(50_000);
    expect(() => budget.table("第 5 个表格").fill(1)).toThrow("文件过大：表格共超过 200000 个单元格的上限");
  });

  it("expandSpans refuses a huge span before filling a position, and lays out ordinary spans as before", () => {
    const t0 = performance.now();
    expect(() => expandSpans([[{ text: "x", colSpan: 1000, rowSpan: 50_000 }], [{ text: "y", colSpan: 1, rowSpan: 1 }]])).toThrow(/合并单元格跨越 1000 列/);
    expect(performance.now() - t0).toBeLessThan(50);
    // 40 rows × a cell spanning 200 columns and every row: 8,000 positions, within the limits
    const rows = Array.from({ length: 40 }, (_, r) => (r === 0 ? [{ text: "a", colSpan: 200, rowSpan: 40 }] : []));
    const grid = expandSpans(rows);
    expect(grid).toHaveLength(40);
    expect(grid[39]![199]).toBe(grid[0]![0]);
    expect(grid[0]![0]).toMatchObject({ rowSpan: 40, colSpan: 200 });
    // a rowspan past the last row ends there, as in browsers
    expect(expandSpans([[{ text: "a", colSpan: 1, rowSpan: 50_000 }], [{ text: "b", colSpan: 1, rowSpan: 1 }]])[1]).toMatchObject([{ text: "a" }, { text: "b" }]);
  });
});

async function expectHandled(file: HostileFile, run: () => Promise<unknown>) {
  const { ms, error } = await refusal(run);
  if (file.refusal) {
    expect(error, `${file.filename} should be refused`).toBeInstanceOf(UnreadableFileError);
    expect((error as Error).message).toMatch(file.refusal);
  } else if (error) {
    // may be read or refused, but only as a file that is not a readable report
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect((error as Error).message).toMatch(/[\u4e00-\u9fff]/);
  }
  expect(ms, `${file.filename} took ${Math.round(ms)} ms`).toBeLessThan(3_000);
}

describe("each hostile file is refused (or read) within 3 s", () => {
  let files: HostileFile[] = [];
  beforeAll(async () => {
    files = await hostileFiles();
  });

  it("in this thread (convertDocument)", async () => {
    for (const file of files) await expectHandled(file, () => convertDocument(file.bytes));
  });

  it("in the worker pool (convertInWorker)", async () => {
    // the first conversion starts the worker (tsx compiles the converter there): not timed
    await expect(convertInWorker(Buffer.from("<html><body><p>你好</p></body></html>"))).rejects.toThrow(UnreadableFileError);
    for (const file of files) await expectHandled(file, () => convertInWorker(file.bytes, {}, { user: "u1" }));
  });
});

describe("the worker pool", () => {
  const realDocx = () => writeDocx(exportDocument(JSON.parse(fs.readFileSync("data/fixtures/xigang-2020.json", "utf8"))));
  afterEach(() => {
    delete process.env.CONVERT_CONCURRENCY;
  });

  it("reads a real report as convertDocument does", async () => {
    const bytes = await realDocx();
    const inWorker = await convertInWorker(bytes);
    const here = await convertDocument(bytes);
    expect(inWorker).toEqual(here);
    expect(inWorker.problems).toEqual([]);
  });

  it("stops a conversion past its time budget, and the next one still runs", async () => {
    const bytes = await realDocx();
    const { error } = await refusal(() => convertInWorker(bytes, {}, { timeBudgetMs: 1 }));
    expect(error).toBeInstanceOf(ConvertLimitError);
    expect((error as Error).message).toBe("文件过于复杂：转换超过 0.001 秒的时限，已停止");
    expect((await convertInWorker(bytes)).problems).toEqual([]);
  });

  it("one conversion per user at a time (429); a full pool answers 503 when the wait is over", async () => {
    const bytes = await realDocx();
    const first = convertInWorker(bytes, {}, { user: "clerk-a" });
    const second = await refusal(() => convertInWorker(bytes, {}, { user: "clerk-a" }));
    expect(second.error).toBeInstanceOf(ConvertBusyError);
    expect(second.error).toMatchObject({ status: 429, message: "您已有一个文件正在转换，请等它完成后再导入下一个。" });
    expect(second.ms).toBeLessThan(50);

    process.env.CONVERT_CONCURRENCY = "1";
    const other = await refusal(() => convertInWorker(bytes, {}, { user: "clerk-b", waitMs: 0 }));
    expect(other.error).toMatchObject({ status: 503, message: "服务器正忙：同时转换的文件已达上限（1 个），请稍后再试。" });
    // a conversion that may wait gets the slot when the first is done
    const waiting = convertInWorker(bytes, {}, { user: "clerk-b", waitMs: 30_000 });
    expect((await first).problems).toEqual([]);
    expect((await waiting).problems).toEqual([]);
  });
});
