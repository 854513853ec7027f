/**
 * Report documents out and in (lib/documents): the project's own Word / Excel / web page
 * convert back to the identical exchange document; Word and Excel files in the official
 * layout built here independently of our writers (other row and column orders, extra
 * whitespace, half-width punctuation, merges written as vMerge or merged ranges) convert
 * to the right document; an unreadable cell is reported and left null.
 */
import fs from "node:fs";
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
} from "docx";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReportDocumentView } from "@/components/reports/ReportDocumentView";
import { convertDocument, UnreadableFileError } from "@/lib/documents/convert";
import { CSV_HEADER, writeCsv } from "@/lib/documents/csv-writer";
import { writeDocx } from "@/lib/documents/docx-writer";
import { formatFigure, readFigure } from "@/lib/documents/figures";
import { attachmentDisposition, downloadFileName } from "@/lib/documents/names";
import { writeXlsx } from "@/lib/documents/xlsx-writer";
import { exportDocument, type ReportDocument } from "@/lib/exchange";
import { cellsOf, getTemplate, type TemplateId } from "@/lib/templates";
import { sampleDocument } from "./support";

const FIXTURES: Record<TemplateId, string> = { "2019": "data/fixtures/xigang-2020.json", "2021": "test/fixtures/zrzy-2022-format2021.json" };
const published = (id: TemplateId): ReportDocument => exportDocument(JSON.parse(fs.readFileSync(FIXTURES[id], "utf8")));
const pageHtml = (doc: ReportDocument) => `<!doctype html><html lang="zh-CN"><body><main>${renderToStaticMarkup(createElement(ReportDocumentView, { doc }))}</main></body></html>`;

describe("round trip: our own downloads and public page convert back to the identical document", () => {
  for (const id of ["2019", "2021"] as const) {
    it(`template ${id}: .docx`, async () => {
      const doc = published(id);
      const result = await convertDocument(await writeDocx(doc));
      expect(result.problems).toEqual([]);
      expect(result.document).toEqual(doc);
    });
    it(`template ${id}: .xlsx`, async () => {
      const doc = published(id);
      const result = await convertDocument(await writeXlsx(doc));
      expect(result.problems).toEqual([]);
      expect(result.document).toEqual(doc);
    });
    it(`template ${id}: the public page (ReportDocumentView) saved as .html`, async () => {
      const doc = published(id);
      const result = await convertDocument(Buffer.from(pageHtml(doc)));
      expect(result.problems).toEqual([]);
      expect(result.document).toEqual(doc);
    });
  }

  it("money to the 分 (6 places), signed changes and blank (null) cells survive Word and Excel", async () => {
    const doc = exportDocument({ ...sampleDocument("2019") });
    doc.proactive.procurement!.amount = 7539.443252;
    doc.proactive.licensing!.change = -3;
    doc.proactive.fees!.previous = null;
    for (const bytes of [await writeDocx(doc), await writeXlsx(doc)]) {
      const result = await convertDocument(bytes);
      expect(result.document.proactive.procurement!.amount).toBe(7539.443252);
      expect(result.document.proactive.licensing!.change).toBe(-3);
      expect(result.document.proactive.fees!.previous).toBeNull();
      expect(result.document).toEqual(doc);
      // the blank is not guessed: it is listed
      expect(result.problems).toEqual([{ where: expect.stringContaining("行政事业性收费 · 上一年项目数量"), reason: "单元格为空" }]);
    }
  });
});

describe("writers", () => {
  it("the Word file holds the tables with merged header cells and every figure in its cell", async () => {
    const doc = published("2021");
    const xml = await (await JSZip.loadAsync(await writeDocx(doc))).file("word/document.xml")!.async("string");
    expect(xml).toContain("<w:gridSpan");
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain("贺兰县自然资源局2022年政府信息公开工作年度报告");
    expect(xml).toContain(">125.6789<");
    for (const label of ["法人或其他组织", "（七）总计", "3.其他", "未经复议直接起诉", "2023年1月16日"]) expect(xml).toContain(label);
  });

  it("the Excel file has the three tables with merged headers and numbers as numbers", async () => {
    const doc = published("2021");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeXlsx(doc)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["报告", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]);
    const apps = wb.getWorksheet("三、收到和处理政府信息公开申请情况")!;
    const values: unknown[] = [];
    apps.eachRow((row) => row.eachCell((c) => values.push(c.value)));
    expect(values).toContain("法人或其他组织");
    expect(apps.getCell("D2").isMerged).toBe(true);
    const fees = wb.getWorksheet("二、主动公开政府信息情况")!;
    const numbers: number[] = [];
    fees.eachRow((row) => row.eachCell((c) => typeof c.value === "number" && numbers.push(c.value)));
    expect(numbers).toContain(125.6789);
    expect(numbers).toContain(356);
  });

  it("the CSV is UTF-8 with a BOM, one line per figure with keys and labels", () => {
    const doc = published("2021");
    const bytes = writeCsv(doc);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe(CSV_HEADER.join(","));
    expect(lines).toHaveLength(1 + cellsOf(getTemplate("2021")).length);
    expect(lines).toContain("640122-zrzy,贺兰县自然资源局,2022,2021,proactive,fees,amount,二、主动公开政府信息情况,第二十条第（八）项 · 行政事业性收费,本年收费金额（单位：万元）,万元,125.6789");
  });

  it("figures are printed exactly and read strictly", () => {
    expect(formatFigure(7539.443252, "money")).toBe("7539.443252");
    expect(formatFigure(0.000001, "money")).toBe("0.000001");
    expect(formatFigure(12, "money")).toBe("12");
    expect(formatFigure(null, "count")).toBe("");
    expect(readFigure(" １２ ", "count")).toEqual({ ok: true, value: 12 });
    expect(readFigure("1,234", "count")).toEqual({ ok: true, value: 1234 });
    expect(readFigure("", "count")).toEqual({ ok: true, value: null });
    expect(readFigure("-2", "signedCount")).toEqual({ ok: true, value: -2 });
    expect(readFigure("-2", "count").ok).toBe(false);
    expect(readFigure("1.5", "count").ok).toBe(false);
    expect(readFigure("0.0000001", "money").ok).toBe(false);
    expect(readFigure("十二", "count").ok).toBe(false);
    expect(readFigure("—", "count").ok).toBe(false);
  });

  it("the download's file name is the report's title, with an ASCII fallback", () => {
    const header = attachmentDisposition(downloadFileName("贺兰县习岗镇", 2020, "docx"), "640122100000-2020.docx");
    expect(header).toBe(
      `attachment; filename="640122100000-2020.docx"; filename*=UTF-8''${encodeURIComponent("贺兰县习岗镇2020年政府信息公开工作年度报告.docx")}`,
    );
  });
});

// --- documents in the official layout made here, without our writers ---------------------

const NARRATIVE = {
  overview: "本机关认真贯彻落实《条例》。\n\n### （一）主动公开\n\n**1. 加强平台建设。**全年发布信息 120 条。",
  problems: "存在的问题：公开的及时性有待提高。",
  other: "无",
};

/** A document with distinct, consistent figures, 6-place money and the narrative above. */
function expectedDocument(id: TemplateId): ReportDocument {
  const base = exportDocument(sampleDocument(id));
  const doc = exportDocument({
    ...base,
    agency: { code: "640122-zrzy", name: "贺兰县自然资源局", region: { code: "640122", name: "贺兰县" } },
    contact: { address: "贺兰县富兴南街 18 号", phone: "0951-8061234", email: "zrzy@example.cn" },
    narrative: NARRATIVE,
  });
  if (id === "2019") doc.proactive.procurement!.amount = 7539.443252;
  else doc.proactive.fees!.amount = 0.000001;
  return doc;
}

const OPTIONS = { agencyCode: "640122-zrzy", regionCode: "640122", regionName: "贺兰县" };

const figure = (doc: ReportDocument, section: "proactive" | "applications" | "reviewLitigation", row: string, col: string) =>
  formatFigure(doc[section][row]?.[col] ?? null, "money");

/** docx TableCell with optional spans and a vertical merge written out explicitly. */
function tc(text: string, opts: { span?: number; vMerge?: "restart" | "continue" } = {}) {
  return new TableCell({
    children: [new Paragraph(text)],
    columnSpan: opts.span,
    verticalMerge: opts.vMerge === "restart" ? VerticalMergeType.RESTART : opts.vMerge === "continue" ? VerticalMergeType.CONTINUE : undefined,
  });
}

/**
 * A Word report as another office might type it: headings as bold paragraphs with spaces,
 * "年度" in the title, the contact with other separators, one table per 第二十条 item with its
 * rows in reverse order, the application table with half-width brackets, swapped columns and
 * vertical merges written as vMerge cells, the review table with 行政复议 merged down.
 */
async function officeDocx(doc: ReportDocument, tamper?: { row: string; column: string; text: string }): Promise<Buffer> {
  const t = getTemplate(doc.template);
  const bold = (text: string) => new Paragraph({ children: [new TextRun({ text, bold: true })] });
  const body: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `${doc.agency.name} ${doc.year}年度政府信息公开工作年度报告`, size: 44 })] }),
    new Paragraph(
      `本报告依据《中华人民共和国政府信息公开条例》编制。如对本报告有任何疑问，请与${doc.agency.name}联系（通信地址：${doc.contact.address}；联系电话：${doc.contact.phone}；电子邮箱：${doc.contact.email}）。`,
    ),
    bold("一、 总体情况"),
    new Paragraph("本机关认真贯彻落实《条例》。"),
    new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun("（一）主动公开")] }),
    new Paragraph({ children: [new TextRun({ text: "1. 加强平台建设。", bold: true }), new TextRun("全年发布信息 120 条。")] }),
    bold("二、主动公开政府信息情况"),
  ];
  const cellText = (section: "proactive" | "applications" | "reviewLitigation", row: string, col: string) =>
    tamper && section === "applications" && tamper.row === row && tamper.column === col ? tamper.text : figure(doc, section, row, col);
  for (const g of t.sections.proactive.groups) {
    body.push(new Paragraph(`第二十条${g.item}`));
    body.push(
      new Table({
        rows: [
          new TableRow({ children: [tc(" 信息 内容 "), ...g.columns.map((c) => tc(`  ${c.label.replace("（", "(").replace("）", ")")} `))] }),
          ...[...g.rows].reverse().map((r) => new TableRow({ children: [tc(r.label), ...g.columns.map((c) => tc(figure(doc, "proactive", r.key, c.key)))] })),
        ],
      }),
    );
  }
  body.push(bold("三、收到和处理政府信息公开申请情况"));
  const s = t.sections.applications;
  const cols = ["naturalPerson", "research", "commercial", "publicInterest", "legal", "otherOrg", "total"];
  const colLabel = (k: string) => s.columns.find((c) => c.key === k)!.label;
  const half = (label: string) => label.replace(/（/g, "(").replace(/）/g, ")");
  const rows: TableRow[] = [
    new TableRow({ children: [tc(s.note, { span: 3, vMerge: "restart" }), tc("申请人情况", { span: 7 })] }),
    new TableRow({ children: [tc("", { span: 3, vMerge: "continue" }), tc("自然人", { vMerge: "restart" }), tc("法人或其他组织", { span: 5 }), tc("总计", { vMerge: "restart" })] }),
    new TableRow({ children: [tc("", { span: 3, vMerge: "continue" }), tc("", { vMerge: "continue" }), ...cols.slice(1, 6).map((k) => tc(colLabel(k))), tc("", { vMerge: "continue" })] }),
  ];
  const values = (row: string) => cols.map((k) => tc(cellText("applications", row, k)));
  // 三、本年度办理结果 and the (三)(四)(五)(六) groups merged down with vMerge
  const resultRows = s.rows.filter((r) => r.path.length > 0);
  const groupStart = new Set<string>();
  for (const r of s.rows) {
    if (r.path.length === 0) {
      rows.push(new TableRow({ children: [tc(`  ${r.label}`, { span: 3 }), ...values(r.key)] }));
      continue;
    }
    const first = resultRows[0] === r;
    const outer = tc(first ? "三、本年度办理结果" : "", { vMerge: first ? "restart" : "continue" });
    if (r.path.length === 1) rows.push(new TableRow({ children: [outer, tc(half(r.label), { span: 2 }), ...values(r.key)] }));
    else {
      const group = r.path[1]!;
      const opens = !groupStart.has(group);
      groupStart.add(group);
      rows.push(new TableRow({ children: [outer, tc(opens ? half(group) : "", { vMerge: opens ? "restart" : "continue" }), tc(r.label), ...values(r.key)] }));
    }
  }
  body.push(new Table({ rows }));
  body.push(bold("四、政府信息公开行政复议、行政诉讼情况"));
  const rl = t.sections.reviewLitigation;
  body.push(
    new Table({
      rows: [
        new TableRow({ children: [tc("行政复议", { span: 5, vMerge: "restart" }), tc("行政诉讼", { span: 10 })] }),
        new TableRow({ children: [tc("", { span: 5, vMerge: "continue" }), tc("未经复议直接起诉", { span: 5 }), tc("复议后起诉", { span: 5 })] }),
        new TableRow({ children: [0, 1, 2].flatMap(() => rl.columns.map((c) => tc(c.label))) }),
        new TableRow({ children: rl.rows.flatMap((r) => rl.columns.map((c) => tc(figure(doc, "reviewLitigation", r.key, c.key)))) }),
      ],
    }),
  );
  body.push(bold("五、存在的主要问题及改进情况"), new Paragraph("存在的问题：公开的及时性有待提高。"));
  body.push(bold("六、其他需要报告的事项"), new Paragraph("无"));
  body.push(new Paragraph({ alignment: AlignmentType.RIGHT, text: doc.agency.name }));
  const [y, m, d] = doc.issuedOn!.split("-").map(Number);
  body.push(new Paragraph({ alignment: AlignmentType.RIGHT, text: `${y}年${m}月${d}日` }));
  return Packer.toBuffer(new Document({ sections: [{ children: body }] }));
}

/**
 * An Excel report as another office might lay it out: everything on one sheet, tables
 * separated by their titles, merged ranges, counts as numbers (one as text), rows of the
 * application table with extra whitespace, review groups merged over their columns.
 */
async function officeXlsx(doc: ReportDocument): Promise<Buffer> {
  const t = getTemplate(doc.template);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sheet1");
  let r = 1;
  /** a merged cell holding `text`, as a printed header or heading is */
  const merged = (text: string, r1: number, c1: number, r2: number, c2: number) => {
    ws.getCell(r1, c1).value = text;
    ws.mergeCells(r1, c1, r2, c2);
  };
  const line = (text: string, bold = false) => {
    merged(text, r, 1, r, 10);
    if (bold) ws.getCell(r, 1).font = { bold: true };
    r++;
  };
  const value = (section: "proactive" | "applications" | "reviewLitigation", row: string, col: string) => {
    const v = doc[section][row]?.[col];
    return v === null || v === undefined ? null : v;
  };
  line(`${doc.agency.name}${doc.year}年政府信息公开工作年度报告`, true);
  line(`如对本报告有疑问，请与${doc.agency.name}联系（地址：${doc.contact.address}，电话：${doc.contact.phone}，电子邮箱：${doc.contact.email}）。`);
  line("一、总体情况", true);
  line("本机关认真贯彻落实《条例》。");
  ws.getCell(r, 1).value = { richText: [{ text: "（一）主动公开", font: { bold: true, size: 14 } }] };
  r++;
  ws.getCell(r, 1).value = { richText: [{ text: "1. 加强平台建设。", font: { bold: true } }, { text: "全年发布信息 120 条。" }] };
  r++;
  line("二、主动公开政府信息情况", true);
  for (const g of t.sections.proactive.groups) {
    merged(g.heading, r, 1, r, 4);
    r++;
    ["信息内容", ...g.columns.map((c) => c.label)].forEach((text, i) => (ws.getCell(r, 1 + i).value = text));
    r++;
    for (const row of g.rows) {
      ws.getCell(r, 1).value = row.label;
      g.columns.forEach((c, i) => (ws.getCell(r, 2 + i).value = value("proactive", row.key, c.key)));
      r++;
    }
  }
  r++;
  line("三、收到和处理政府信息公开申请情况", true);
  const s = t.sections.applications;
  const top = r;
  merged(s.note, top, 1, top + 2, 3);
  merged("申请人情况", top, 4, top, 10);
  merged("自然人", top + 1, 4, top + 2, 4);
  merged("法人或其他组织", top + 1, 5, top + 1, 9);
  ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"].forEach((l, i) => (ws.getCell(top + 2, 5 + i).value = l));
  merged("总计", top + 1, 10, top + 2, 10);
  r = top + 3;
  for (const row of s.rows) {
    // every row label in the innermost column, groups left blank: another way to print it
    ws.getCell(r, 3).value = ` ${row.label} `;
    if (row.path.length === 0) ws.getCell(r, 1).value = row.label;
    s.columns.forEach((c, i) => {
      const v = value("applications", row.key, c.key);
      ws.getCell(r, 4 + i).value = row.key === "received" && c.key === "naturalPerson" && v !== null ? String(v) : v;
    });
    r++;
  }
  r++;
  line("四、政府信息公开行政复议、行政诉讼情况", true);
  const rl = t.sections.reviewLitigation;
  merged("行政复议", r, 1, r + 1, 5);
  merged("行政诉讼", r, 6, r, 15);
  merged("未经复议直接起诉", r + 1, 6, r + 1, 10);
  merged("复议后起诉", r + 1, 11, r + 1, 15);
  rl.rows.forEach((row, g) => rl.columns.forEach((c, i) => {
    ws.getCell(r + 2, 1 + g * 5 + i).value = c.label;
    ws.getCell(r + 3, 1 + g * 5 + i).value = value("reviewLitigation", row.key, c.key);
  }));
  r += 5;
  line("五、存在的主要问题及改进情况", true);
  line("存在的问题：公开的及时性有待提高。");
  line("六、其他需要报告的事项", true);
  line("无");
  line(doc.agency.name);
  const [y, m, d] = doc.issuedOn!.split("-").map(Number);
  line(`${y}年${m}月${d}日`);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("documents in the official layout made by another office convert to the right document", () => {
  for (const id of ["2019", "2021"] as const) {
    it(`template ${id}: Word`, async () => {
      const doc = expectedDocument(id);
      const result = await convertDocument(await officeDocx(doc), OPTIONS);
      expect(result.problems).toEqual([]);
      expect(result.document).toEqual(doc);
    });
    it(`template ${id}: Excel`, async () => {
      const doc = expectedDocument(id);
      const result = await convertDocument(await officeXlsx(doc), OPTIONS);
      expect(result.problems).toEqual([]);
      expect(result.document).toEqual({ ...doc, narrative: { ...NARRATIVE, overview: NARRATIVE.overview.replace("### （一）主动公开", "## （一）主动公开") } });
    });
  }

  it("one unreadable cell is reported by its labels and left null; everything else is read", async () => {
    const doc = expectedDocument("2021");
    const result = await convertDocument(await officeDocx(doc, { row: "denied.stateSecret", column: "legal", text: "约3" }), OPTIONS);
    expect(result.problems).toEqual([
      { where: "三、收到和处理政府信息公开申请情况 · 三、本年度办理结果 · （三）不予公开 · 1.属于国家秘密 · 法人或其他组织 · 法律服务机构（第 5 个表格）", reason: "无法识别为数字：“约3”" },
    ]);
    expect(result.document.applications["denied.stateSecret"]!.legal).toBeNull();
    const expected = structuredClone(doc);
    expected.applications["denied.stateSecret"]!.legal = null;
    expect(result.document).toEqual(expected);
  });

  it("without codes in the file or flags, the agency and region are listed as not read", async () => {
    const result = await convertDocument(await officeDocx(expectedDocument("2019")));
    expect(result.document.agency).toEqual({ code: "", name: "贺兰县自然资源局", region: { code: "", name: "" } });
    expect(result.problems.map((p) => p.where)).toEqual(["单位代码", "所属地区代码", "所属地区名称"]);
  });

  it("a file that is no report, a corrupt zip or another type gets a clear Chinese message", async () => {
    await expect(convertDocument(Buffer.from("PK\u0003\u0004garbage"))).rejects.toThrow(/文件已损坏/);
    await expect(convertDocument(Buffer.from("just text"))).rejects.toThrow(/不支持的文件类型/);
    await expect(convertDocument(Buffer.from("<html><body><p>你好</p></body></html>"))).rejects.toThrow(UnreadableFileError);
    const zip = new JSZip();
    zip.file("hello.txt", "hi");
    await expect(convertDocument(await zip.generateAsync({ type: "nodebuffer" }))).rejects.toThrow(/不支持的文件类型/);
  });
});

describe("the report reader on plain paragraphs", () => {
  const p = (text: string, heading = 0) => ({ kind: "paragraph" as const, heading, runs: [{ text }] });
  it("reads the 成文日期 in Arabic or Chinese numerals and never takes an impossible date", async () => {
    const { readReport } = await import("@/lib/documents/read/report-reader");
    const read = (date: string) =>
      readReport({ blocks: [p("某局2020年政府信息公开工作年度报告"), p("六、其他需要报告的事项"), p("无"), p("某局"), p(date)], properties: {} }).document;
    expect(read("二〇二一年一月二十日")).toMatchObject({ issuedOn: "2021-01-20", narrative: { other: "无" } });
    expect(read("2021 年 1 月 20 日").issuedOn).toBe("2021-01-20");
    expect(read("二〇二三年十二月三十一日").issuedOn).toBe("2023-12-31");
    expect(read("二〇二一年二月三十日").issuedOn).toBeNull();
  });

  it("drops the sign-off under 六 (the agency as it signs, and the date), never a sentence of the part", async () => {
    const { readReport } = await import("@/lib/documents/read/report-reader");
    const read = (...tail: string[]) =>
      readReport({ blocks: [p("贺兰县金贵镇2024年政府信息公开工作年度报告"), p("六、其他需要报告的事项"), p("本年度未收取信息处理费。"), ...tail.map((t) => p(t))], properties: {} }).document;
    expect(read("贺兰县金贵镇人民政府", "2025年1月20日")).toMatchObject({ issuedOn: "2025-01-20", narrative: { other: "本年度未收取信息处理费。" } });
    expect(read("贺兰县金贵镇", "2025 年 1 月 20 日").narrative.other).toBe("本年度未收取信息处理费。");
    // another office signing under a title without its name
    expect(read("贺兰县自然资源局", "二〇二五年一月二十日").narrative.other).toBe("本年度未收取信息处理费。");
    // a last sentence stays
    expect(read("无。", "2025年1月20日").narrative.other).toBe("本年度未收取信息处理费。\n\n无。");
  });

  it("takes the contact from the opening paragraph, whatever the separators", async () => {
    const { readReport } = await import("@/lib/documents/read/report-reader");
    const doc = readReport({
      blocks: [p("某局 2021 年度政府信息公开工作年度报告"), p("如有疑问请联系（通讯地址: 某市某路1号; 联系电话：0951-1234567，电子信箱：a@b.cn）。"), p("一、总体情况")],
      properties: {},
    }).document;
    expect(doc).toMatchObject({ year: 2021, template: "2021", agency: { name: "某局" }, contact: { address: "某市某路1号", phone: "0951-1234567", email: "a@b.cn" } });
  });
});
