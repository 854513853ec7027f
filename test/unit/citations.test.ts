// The opening sentence of every report cites the legal basis of its format (docs/product.md "Citations"):
// the page (and the preview, the same component), Word and Excel print the template's citation.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReportDocumentView } from "@/components/reports/ReportDocumentView";
import { writeDocx } from "@/lib/documents/docx-writer";
import { writeXlsx } from "@/lib/documents/xlsx-writer";
import { getTemplate, type TemplateId } from "@/lib/templates";
import { sampleDocument } from "./support";

// verbatim from docs/product.md, "Citations"
const EXPECTED: Record<TemplateId, string> = {
  "2019": "《中华人民共和国政府信息公开条例》和《关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）",
  "2021": "《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）",
};
const sentence = (id: TemplateId) => `本年度报告根据${EXPECTED[id]}编制。`;

const pageText = (id: TemplateId) =>
  renderToStaticMarkup(createElement(ReportDocumentView, { doc: sampleDocument(id) })).replace(/<[^>]+>/g, "");

async function wordText(id: TemplateId): Promise<string> {
  const xml = await (await JSZip.loadAsync(await writeDocx(sampleDocument(id)))).file("word/document.xml")!.async("string");
  return xml.replace(/<[^>]+>/g, "");
}

async function excelText(id: TemplateId): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeXlsx(sampleDocument(id))) as unknown as ArrayBuffer);
  const texts: string[] = [];
  wb.getWorksheet("报告")!.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
  return texts.join("\n");
}

describe.each(["2019", "2021"] as const)("the %s format's citation", (id) => {
  it("is the template's, as docs/product.md words it", () => {
    expect(getTemplate(id).citation).toBe(EXPECTED[id]);
  });

  it("opens the public page and the preview", () => {
    expect(pageText(id)).toContain(sentence(id));
  });

  it("opens the Word file", async () => {
    expect(await wordText(id)).toContain(sentence(id));
  });

  it("opens the Excel file", async () => {
    expect(await excelText(id)).toContain(sentence(id));
  });
});

it("no 2021-format output puts the 2019 notice's title beside 〔2021〕30号", async () => {
  for (const text of [pageText("2021"), await wordText("2021"), await excelText("2021")]) {
    expect(text).not.toContain("有关事项的通知");
  }
});
