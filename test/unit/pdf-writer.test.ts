/**
 * The PDF download (lib/documents/pdf-writer.ts), read back the way a reader's tools read it:
 * poppler's `pdftotext` finds every non-zero figure (money to the 分), the six part titles and
 * the opening sentence with its citation; `pdffonts` shows only embedded CJK subsets; the
 * header of 三 is printed again on every page the table runs over. Needs poppler-utils and
 * fonts-noto-cjk (installed by the README's commands).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatFigure } from "@/lib/documents/figures";
import { preambleText } from "@/lib/documents/names";
import { PdfFontsMissingError, loadPdfFonts } from "@/lib/documents/pdf-fonts";
import { writePdf } from "@/lib/documents/pdf-writer";
import { exportDocument, type ReportDocument } from "@/lib/exchange";
import { cellsOf, getTemplate, tableLayout, type TemplateId } from "@/lib/templates";
import { sampleDocument } from "./support";

const FIXTURES: Record<TemplateId, string> = { "2019": "data/fixtures/xigang-2020.json", "2021": "test/fixtures/zrzy-2022-format2021.json" };
const published = (id: TemplateId): ReportDocument => exportDocument(JSON.parse(fs.readFileSync(FIXTURES[id], "utf8")));

/** A sample with figures in every cell kind, money with six decimals, and a long narrative (so that 三 runs over a page). */
function sample(id: TemplateId): ReportDocument {
  const doc = structuredClone(sampleDocument(id));
  const money = cellsOf(getTemplate(id)).find((c) => c.kind === "money")!;
  doc[money.section][money.row]![money.column] = 7539.443252;
  doc.narrative.overview = Array.from({ length: 14 }, (_, i) => `第${i + 1}段：全年主动公开政府信息，**重点领域**信息公开工作稳步推进，群众满意度持续提高。`).join("\n\n");
  return doc;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pdf-writer-"));

function tool(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.error) throw r.error;
  expect(r.status, `${cmd} ${args.join(" ")}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

async function writeAndRead(doc: ReportDocument, name: string) {
  const file = path.join(tmp, `${name}.pdf`);
  fs.writeFileSync(file, await writePdf(doc));
  const pages = Number(/Pages:\s+(\d+)/.exec(tool("pdfinfo", [file]))![1]);
  return {
    file,
    info: tool("pdfinfo", [file]),
    layout: tool("pdftotext", ["-layout", file, "-"]),
    // per page, whitespace removed: CJK text as a reader searches it
    pages: Array.from({ length: pages }, (_, i) => tool("pdftotext", ["-f", String(i + 1), "-l", String(i + 1), file, "-"]).replace(/\s+/g, "")),
    fonts: tool("pdffonts", [file]),
  };
}

/** The figures as the page and the Word file print them, non-zero ones only. */
function nonZeroFigures(doc: ReportDocument): string[] {
  return cellsOf(getTemplate(doc.template))
    .map((c) => ({ value: doc[c.section][c.row]?.[c.column], kind: c.kind }))
    .filter((f) => typeof f.value === "number" && f.value !== 0)
    .map((f) => formatFigure(f.value, f.kind));
}

/** Every number-like token of the text, counted. */
function tokenCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of text.match(/-?\d+(?:\.\d+)?/g) ?? []) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

const CASES: [string, () => ReportDocument][] = [
  ["2019 seed (习岗镇 2020)", () => published("2019")],
  ["2021 fixture (自然资源局 2022)", () => published("2021")],
  ["2019 sample with figures", () => sample("2019")],
  ["2021 sample with figures", () => sample("2021")],
];

describe("writePdf", () => {
  // the fonts are read and parsed once per process (seconds on a busy machine): not in a test's time
  beforeAll(() => void loadPdfFonts());

  for (const [name, make] of CASES) {
    it(`${name}: A4, embedded CJK subsets, every non-zero figure, the part titles and the citation as text`, async () => {
      const doc = make();
      const template = getTemplate(doc.template);
      const { info, layout, pages, fonts } = await writeAndRead(doc, name.replace(/\W+/g, "-"));
      expect(info).toMatch(/Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/);
      expect(info).toContain(`Title:           ${doc.agency.name}${doc.year}年政府信息公开工作年度报告`);

      // only embedded subsets (ABCDEF+Name) of CJK CID fonts: nothing the reader must have installed
      const fontLines = fonts.split("\n").slice(2).filter(Boolean);
      expect(fontLines.length).toBeGreaterThan(0);
      for (const line of fontLines) expect(line).toMatch(/^[A-Z]{6}\+Noto\S+CJKsc-\S+\s+CID Type 0C\s+Identity-H\s+yes yes yes/);

      // every non-zero figure, as many times as the tables hold it
      const tokens = tokenCounts(layout);
      const wanted = tokenCounts(nonZeroFigures(doc).join(" "));
      for (const [figure, count] of wanted) expect(tokens.get(figure) ?? 0, `figure ${figure}`).toBeGreaterThanOrEqual(count);

      const all = pages.join("");
      expect(all).toContain(`${doc.agency.name}${doc.year}年政府信息公开工作年度报告`);
      for (const key of template.outline) {
        const title = key === "overview" || key === "problems" || key === "other" ? template.narrative[key].title : template.sections[key].title;
        expect(all).toContain(title.replace(/\s+/g, ""));
      }
      // the opening sentence with the citation, exactly as the page and the Word file write it
      expect(all).toContain(preambleText(doc.agency.name, doc.year, template.documentName, doc.contact).replace(/\s+/g, ""));
      expect(all).toContain(template.documentName);
      if (doc.issuedOn) expect(all).toContain(`${Number(doc.issuedOn.slice(0, 4))}年${Number(doc.issuedOn.slice(5, 7))}月${Number(doc.issuedOn.slice(8, 10))}日`);
      // page numbers
      pages.forEach((text, i) => expect(text).toContain(`—${i + 1}—`));

      // 三's header on every page that holds one of its rows
      const rowLabels = tableLayout(template, "applications")
        .rows.slice(tableLayout(template, "applications").headRowCount)
        .flatMap((row) => row.filter((c) => c.type === "label").map((c) => c.text))
        .filter((t) => t.length >= 6);
      const tablePages = pages.filter((text) => rowLabels.some((label) => text.includes(label)));
      expect(tablePages.length).toBeGreaterThan(0);
      for (const text of tablePages) expect(text).toContain("申请人情况");
    });
  }

  it("a long narrative pushes 三 over a page break and its header is printed again", async () => {
    const { pages } = await writeAndRead(sample("2021"), "page-break");
    const withHeader = pages.filter((t) => t.includes("法人或其他组织"));
    expect(withHeader.length).toBeGreaterThanOrEqual(2);
  });

  it("the same version gives the same bytes (its strong ETag names them)", async () => {
    const doc = published("2021");
    const a = await writePdf(doc, { publishedAt: new Date("2023-01-20T08:00:00Z") });
    const b = await writePdf(doc, { publishedAt: new Date("2023-01-20T08:00:00Z") });
    expect(a.equals(b)).toBe(true);
  });

  it("without the fonts it throws PdfFontsMissingError (the route answers 503)", async () => {
    const before = process.env.PDF_FONT_DIR;
    process.env.PDF_FONT_DIR = path.join(tmp, "no-fonts-here");
    try {
      await expect(writePdf(published("2019"))).rejects.toBeInstanceOf(PdfFontsMissingError);
    } finally {
      if (before === undefined) delete process.env.PDF_FONT_DIR;
      else process.env.PDF_FONT_DIR = before;
    }
  });
});
