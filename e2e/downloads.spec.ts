// Downloads of a published report (Word, Excel, CSV) and the editor's file import, through
// real HTTP against the e2e database: the seed report (习岗镇 2020, template 2019) and the
// 2021-format report that global-setup publishes (自然资源局 2022).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { XMLParser } from "fast-xml-parser";
import JSZip from "jszip";
import { exportDocument, type ReportDocument } from "@/lib/exchange";
import { cellsOf, getTemplate } from "@/lib/templates";
import { FORMAT_2021_FIXTURE } from "./global-setup";
import { cli, signInAs } from "./helpers";

const SEED: ReportDocument = JSON.parse(fs.readFileSync("data/fixtures/xigang-2020.json", "utf8"));
const ZRZY: ReportDocument = exportDocument(JSON.parse(fs.readFileSync(FORMAT_2021_FIXTURE, "utf8")));

/** Every figure of a report in the official order (二 rows × columns, 三, 四), as printed. */
function figures(doc: ReportDocument): string[] {
  return cellsOf(getTemplate(doc.template)).map((c) => {
    const v = doc[c.section][c.row]?.[c.column];
    return v === null || v === undefined ? "" : String(v);
  });
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** The texts of the cells of every table in word/document.xml, in document order. */
function wordTableCells(xml: string): string[] {
  const parsed = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => ["w:tbl", "w:tr", "w:tc", "w:p", "w:r", "w:t"].includes(name) }).parse(xml);
  const text = (node: unknown): string => {
    if (node === null || node === undefined) return "";
    if (typeof node === "string") return node;
    if (Array.isArray(node)) return node.map(text).join("");
    if (typeof node === "object") {
      const o = node as Record<string, unknown>;
      if ("#text" in o) return String(o["#text"]);
      return Object.entries(o)
        .filter(([k]) => k === "w:p" || k === "w:r" || k === "w:t")
        .map(([, v]) => text(v))
        .join("");
    }
    return "";
  };
  const tables = parsed["w:document"]["w:body"]["w:tbl"] as { "w:tr": { "w:tc": unknown[] }[] }[];
  return tables.flatMap((t) => t["w:tr"].flatMap((tr) => tr["w:tc"].map((tc) => text(tc).trim())));
}

async function download(request: APIRequestContext, url: string) {
  const res = await request.get(url);
  expect(res.status(), url).toBe(200);
  return { res, body: await res.body() };
}

for (const [name, doc] of [["the seed report (2019 format)", SEED], ["the 2021-format report", ZRZY]] as const) {
  const base = `/api/reports/${doc.agency.code}/${doc.year}`;

  test(`${name}: the Word download is a .docx whose tables hold every figure in order`, async ({ request }) => {
    const { res, body } = await download(request, `${base}/docx`);
    expect(res.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const disposition = res.headers()["content-disposition"]!;
    expect(disposition).toContain(`filename="${doc.agency.code}-${doc.year}.docx"`);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`${doc.agency.name}${doc.year}年政府信息公开工作年度报告.docx`)}`);
    expect(res.headers()["cache-control"]).toBe("public, max-age=60, s-maxage=60, stale-while-revalidate=300");
    const zip = await JSZip.loadAsync(body);
    const xml = await zip.file("word/document.xml")!.async("string");
    const cells = wordTableCells(xml);
    expect(cells.filter((t) => NUMBER.test(t))).toEqual(figures(doc));
    for (const label of ["信息内容", "法人或其他组织", "（七）总计", "行政复议", "结果维持"]) expect(cells).toContain(label);
    expect(xml).toContain(`${doc.agency.name}${doc.year}年政府信息公开工作年度报告`);
  });

  test(`${name}: the Excel download holds the same numbers as numbers, the CSV too with its BOM`, async ({ request }) => {
    const { body: xlsx } = await download(request, `${base}/xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const numbers: string[] = [];
    // a merged range reports its value at every cell it covers: count the range once
    for (const ws of wb.worksheets.slice(1))
      ws.eachRow((row) => row.eachCell((c) => typeof c.value === "number" && c.master.address === c.address && numbers.push(String(c.value))));
    expect(numbers).toEqual(figures(doc));

    const { res, body: csv } = await download(request, `${base}/csv`);
    expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(csv.subarray(3).toString("utf8"), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r["数值"])).toEqual(figures(doc));
    expect(rows[0]).toMatchObject({ 单位代码: doc.agency.code, 单位名称: doc.agency.name, 年度: String(doc.year) });
  });
}

test("a download answers 304 to its own ETag, and ?version picks a published version", async ({ request }) => {
  const first = await request.get("/api/reports/640122100000/2020/csv");
  const etag = first.headers()["etag"]!;
  expect(etag).toMatch(/^"[\w-]+"$/);
  const again = await request.get("/api/reports/640122100000/2020/csv", { headers: { "If-None-Match": etag } });
  expect(again.status()).toBe(304);
  expect((await request.get("/api/reports/640122100000/2020/docx")).headers()["etag"]).not.toBe(etag);
  expect((await request.get("/api/reports/640122100000/2020/csv?version=1")).status()).toBe(200);
  for (const url of ["/api/reports/640122100000/2020/csv?version=99", "/api/reports/640122100000/2020/docx?version=x", "/api/reports/640122100000/2020?version=99"]) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(404);
    expect((await res.json()).error).toMatch(/版本|报告/);
  }
  expect(await (await request.get("/api/reports/640122100000/2020?version=1")).json()).toEqual(SEED);
});

test("a draft's downloads are 404 with a Chinese message", async ({ request }) => {
  const draft = { ...structuredClone(ZRZY), agency: { code: "640122-e2e-formats", name: "贺兰县下载测试局", region: { code: "640122", name: "贺兰县" } }, year: 2023 };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-formats-")), "draft.json");
  fs.writeFileSync(file, JSON.stringify(draft));
  const r = await cli("import", file);
  expect(r.status, r.output).toBe(0);
  for (const format of ["docx", "xlsx", "csv"]) {
    const res = await request.get(`/api/reports/640122-e2e-formats/2023/${format}`);
    expect(res.status(), format).toBe(404);
    expect(await res.json()).toEqual({ error: "报告不存在或尚未公开发布。" });
  }
  expect((await request.get("/api/reports/640122-e2e-formats/2023")).status()).toBe(404);
});

test("从文件导入: anonymous uploads are refused; a clerk's Word file comes back as the report, nothing saved", async ({ page, request }) => {
  const anonymous = await request.post("/api/convert", { multipart: { file: { name: "x.docx", mimeType: "application/octet-stream", buffer: Buffer.from("x") } } });
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toEqual({ ok: false, status: 401, message: "请先登录。" });

  const { body } = await download(request, "/api/reports/640122100000/2020/docx");
  await signInAs(page, "clerk-xigang");
  const res = await page.request.post("/api/convert", { multipart: { file: { name: "习岗镇.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: body } } });
  expect(res.status()).toBe(200);
  const json = await res.json();
  expect(json).toMatchObject({ ok: true, status: 200 });
  expect(json.data.problems).toEqual([]);
  expect(json.data.document).toEqual(SEED);

  const bad = await page.request.post("/api/convert", { multipart: { file: { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("不是报告") } } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).message).toContain("不支持的文件类型");
});
